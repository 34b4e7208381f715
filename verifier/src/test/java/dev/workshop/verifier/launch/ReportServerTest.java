package dev.workshop.verifier.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The verifier's end of the report: one connection with the token, bounded, never hanging. */
class ReportServerTest {
  private static Socket connect(ReportServer server) throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), server.port());
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Test
  void theTokenIsRandomAndLong() {
    try (ReportServer a = ReportServer.open();
        ReportServer b = ReportServer.open()) {
      assertTrue(a.token().matches("[0-9a-f]{32}"), a.token());
      assertFalse(a.token().equals(b.token()));
    }
  }

  @Test
  void onlyTheConnectionWithTheTokenIsRead() throws Exception {
    ReportServer server = ReportServer.open();
    try (Socket impostor = connect(server)) {
      send(impostor, "0123456789abcdef0123456789abcdef\nend\t1\tshutdown\n");
      try (Socket probe = connect(server)) {
        send(probe, server.token() + "\nstart\t1\t4\ttrue\nend\t2\tshutdown\npartial");
      }
      ReportServer.Result r = server.collect(Duration.ofSeconds(5));
      assertEquals(
          List.of("start\t1\t4\ttrue", "end\t2\tshutdown"),
          r.lines(),
          "a cut line is not a record");
      assertTrue(r.connected());
      assertFalse(r.truncated());
    }
  }

  @Test
  void aSilentConnectionDoesNotHoldUpTheProbe() throws Exception {
    ReportServer server = ReportServer.open();
    try (Socket silent = connect(server);
        Socket probe = connect(server)) {
      send(probe, server.token() + "\nmain\t5\treturned\n");
      probe.shutdownOutput();
      ReportServer.Result r = server.collect(Duration.ofSeconds(10));
      assertEquals(List.of("main\t5\treturned"), r.lines());
    }
  }

  @Test
  void aReportThatNeverEndsIsCutOffAtTheGrace() throws Exception {
    ReportServer server = ReportServer.open();
    try (Socket probe = connect(server)) {
      send(probe, server.token() + "\nstart\t1\t4\ttrue\n");
      long t0 = System.nanoTime();
      ReportServer.Result r = server.collect(Duration.ofMillis(300));
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "collect waited past its grace");
      assertEquals(List.of("start\t1\t4\ttrue"), r.lines());
      assertTrue(r.truncated(), "a report that did not end is marked cut off");
    }
  }

  @Test
  void anEndlessReportIsCutOffAtTheCap() throws Exception {
    ReportServer server = ReportServer.open(1 << 16);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread flood =
        new Thread(
            () -> {
              try (Socket probe = connect(server)) {
                send(probe, server.token() + "\n");
                byte[] line = "out\t1\t0\t1\tmain\n".getBytes(StandardCharsets.UTF_8);
                for (; ; ) probe.getOutputStream().write(line);
              } catch (IOException e) {
                stopped.countDown(); // the verifier closed it
              }
            });
    flood.setDaemon(true);
    flood.start();
    assertTrue(
        stopped.await(10, java.util.concurrent.TimeUnit.SECONDS), "the verifier stopped reading");
    ReportServer.Result r = server.collect(Duration.ofSeconds(1));
    assertTrue(r.truncated());
    assertTrue(
        r.lines().size() <= (1 << 16) / 15 && r.lines().size() > 1000,
        "lines: " + r.lines().size());
  }

  @Test
  void noConnectionAtAllIsAnEmptyReportAtOnce() {
    ReportServer server = ReportServer.open();
    ReportServer.Result r = server.collect(Duration.ofMillis(100));
    assertEquals(List.of(), r.lines());
    assertFalse(r.connected());
    assertFalse(r.truncated());
  }

  /**
   * Forked probes that connected just before the program ended are read, though the acceptor has
   * not taken their connections yet when {@code collect} starts: on a busy machine it lags (the
   * verifier's tests beside 2 busy loops lost a fork's report so). The acceptor is held from the
   * first fork's connection until {@code collect} has begun.
   */
  @Test
  void forksTheAcceptorHasNotTakenYetAreStillRead() throws Exception {
    ReportServer server = ReportServer.open();
    CountDownLatch go = new CountDownLatch(1);
    try (Socket program = connect(server)) {
      send(program, server.token() + "\nself\t10\t1\tmain\n");
      long until = System.nanoTime() + 10_000_000_000L;
      while (server.connectedAt() < 0 && System.nanoTime() < until) Thread.onSpinWait();
      assertTrue(server.connectedAt() >= 0, "the program's probe was taken");
      server.afterAccept(
          s -> {
            try {
              go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      List<Socket> forks = new ArrayList<>();
      try {
        for (int pid = 11; pid <= 13; pid++) {
          Socket fork = connect(server);
          forks.add(fork);
          send(fork, server.token() + " fork " + pid + "\nself\t" + pid + "\t10\tfork\n");
        }
      } finally {
        for (Socket f : forks) f.close();
      }
      program.shutdownOutput();
      CompletableFuture<ReportServer.Result> collected =
          CompletableFuture.supplyAsync(() -> server.collect(Duration.ofSeconds(10)));
      until = System.nanoTime() + 10_000_000_000L;
      while (!server.collecting() && !collected.isDone() && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      go.countDown();
      ReportServer.Result r = collected.get(20, TimeUnit.SECONDS);
      assertEquals(3, r.forks().size(), r.forks().toString());
      for (ReportServer.Forked f : r.forks()) assertEquals(1, f.lines().size(), f.toString());
    }
  }

  @Test
  void forkedProbesReportOnConnectionsOfTheirOwn() throws Exception {
    ReportServer server = ReportServer.open();
    try (Socket program = connect(server)) {
      send(program, server.token() + "\nself\t10\t1\tmain\n");
      // The program's probe connects before the solution runs, so before any fork exists.
      long until = System.nanoTime() + 10_000_000_000L;
      while (server.connectedAt() < 0 && System.nanoTime() < until) Thread.onSpinWait();
      assertTrue(server.connectedAt() >= 0, "the program's probe was taken");
      try (Socket fork = connect(server);
          Socket second = connect(server);
          Socket badPid = connect(server)) {
        send(fork, server.token() + " fork 11\nself\t11\t10\tfork\n");
        send(second, server.token() + "\nself\t12\t1\tmain\n"); // a second program: dropped
        send(badPid, server.token() + " fork eleven\nself\t13\t10\tfork\n");
      }
      program.shutdownOutput();
      ReportServer.Result r = server.collect(Duration.ofSeconds(10));
      assertEquals(List.of("self\t10\t1\tmain"), r.lines());
      assertEquals(1, r.forks().size(), r.forks().toString());
      assertEquals(11, r.forks().get(0).pid());
      assertEquals(List.of("self\t11\t10\tfork"), r.forks().get(0).lines());
      assertFalse(r.forks().get(0).truncated());
    }
  }
}
