package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.Cluster;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.HttpServer;
import dev.workshop.runtime.Parent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// A separate thread, so that a hang fails the test: a loop does not stop when interrupted.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterTest {

  /** A cluster worker: an HTTP server on the port in args[0], stopped by a "stop" message. */
  public static final class Server {
    public static void main(String[] args) {
      EventLoop loop = EventLoop.create();
      HttpServer server = loop.createHttpServer();
      long pid = ProcessHandle.current().pid();
      server.get("/", (req, res) -> res.send(Cluster.workerId() + " " + pid));
      Parent parent = Parent.of(loop);
      parent.onMessage(
          m -> {
            if ("stop".equals(m)) {
              server.close();
              parent.disconnect();
            }
          });
      server.listen(Integer.parseInt(args[0]), () -> parent.send(server.port()));
      loop.run();
    }
  }

  /** A whole program: the primary forks one copy of itself, which says hello and exits. */
  public static final class SelfForking {
    public static void main(String[] args) {
      EventLoop loop = EventLoop.create();
      if (Cluster.isPrimary()) {
        Cluster.fork(loop);
        Cluster.onExit(loop, (worker, code) -> System.out.println("worker exited " + code));
      } else {
        System.out.println("hello from worker " + Cluster.workerId());
      }
      loop.run();
    }
  }

  @AfterEach
  void noChildLeft() throws InterruptedException {
    System.clearProperty("workshop.cluster.mode");
    ForkTest.assertNoDescendants(ProcessHandle.current());
  }

  @Test
  void linuxSharesThePortThroughReusePort() {
    if (System.getProperty("os.name").toLowerCase().contains("linux")) {
      assertEquals("reuseport", Cluster.mode());
    }
    assertTrue(Cluster.isPrimary());
    assertEquals(0, Cluster.workerId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reuseport", "relay"})
  void workersShareOnePortAndEachServesRequests(String mode) throws Exception {
    System.setProperty("workshop.cluster.mode", mode);
    Cluster.setupPrimary(Server.class, "0");
    List<Integer> ports = Collections.synchronizedList(new ArrayList<>());
    List<Integer> exits = Collections.synchronizedList(new ArrayList<>());
    List<ChildProcess> workers = new ArrayList<>();
    CountDownLatch listening = new CountDownLatch(2);
    LoopThread primary =
        LoopThread.start(
            "primary",
            loop -> {
              for (int i = 0; i < 2; i++) {
                ChildProcess w = Cluster.fork(loop);
                workers.add(w);
                w.onMessage(
                    port -> {
                      ports.add((Integer) port);
                      listening.countDown();
                    });
              }
              Cluster.onExit(loop, (w, code) -> exits.add(code));
            });
    assertTrue(listening.await(60, TimeUnit.SECONDS), "the workers did not listen");
    assertEquals(ports.get(0), ports.get(1), "listen(0) gives every worker the same port");
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 40; i++) served.add(get(ports.get(0)));
    Set<String> distinct = new HashSet<>(served);
    assertEquals(2, distinct.size(), "both workers served: " + served);
    if (mode.equals("relay")) {
      for (int i = 1; i < served.size(); i++)
        assertTrue(!served.get(i).equals(served.get(i - 1)), "round-robin: " + served);
    }
    primary.loop.get().post(() -> workers.forEach(w -> w.send("stop")));
    primary.join();
    assertEquals(List.of(0, 0), exits);
  }

  @ParameterizedTest
  @ValueSource(strings = {"reuseport", "relay"})
  void aPortAlreadyTakenEndsTheWorkerWithAClearError(String mode) throws Exception {
    System.setProperty("workshop.cluster.mode", mode);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cluster.setupPrimary(Server.class, Integer.toString(taken.getLocalPort()));
      EventLoop loop = EventLoop.create();
      StringBuilder err = new StringBuilder();
      int[] code = {-1};
      Cluster.fork(loop)
          .onStderr(b -> err.append(new String(b, StandardCharsets.UTF_8)))
          .onExit(c -> code[0] = c);
      loop.run();
      assertEquals(1, code[0], err.toString());
      assertTrue(
          err.toString().contains("cannot listen on port " + taken.getLocalPort()), err.toString());
    }
  }

  @Test
  void withoutSetupAWorkerRunsTheProgramsOwnMainClass() throws Exception {
    Jvm run = Jvm.run(SelfForking.class, Map.of());
    assertEquals(0, run.exitCode, run.toString());
    assertTrue(run.out.contains("hello from worker 1"), run.toString());
    assertTrue(run.out.contains("worker exited 0"), run.toString());
  }

  private static String get(int port) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(
          "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 200"), response);
      return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
  }
}
