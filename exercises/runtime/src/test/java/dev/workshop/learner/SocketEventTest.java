package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.Connection;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.TcpServer;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import dev.workshop.runtime.instrument.SocketEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The socketEvent hook: a refused write, the learner's pause and resume with their call sites, the
 * drain between them, the close, and a call made off the loop thread, in that order; the runtime
 * pauses nothing by itself.
 */
@Timeout(60)
class SocketEventTest {
  private final List<SocketEvent> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void uninstall() {
    Instrumentation.install(null);
  }

  @Test
  void refusedWritePauseDrainResumeAndAnOffLoopCallAreReported() throws Exception {
    Instrumentation.install(
        new RuntimeListener() {
          @Override
          public void socketEvent(SocketEvent event) {
            events.add(event);
          }
        });
    EventLoop loop = EventLoop.create();
    AtomicReference<Connection> serverSide = new AtomicReference<>();
    AtomicReference<Connection> client = new AtomicReference<>();
    AtomicReference<Throwable> offLoop = new AtomicReference<>();
    Runnable burst =
        () -> {
          Connection conn = serverSide.get();
          byte[] chunk = new byte[16 * 1024];
          while (conn.write(chunk)) {
            // until the peer is not keeping up
          }
          conn.pause();
          conn.onDrain(
              () -> {
                conn.resume();
                conn.end();
              });
          Thread other =
              new Thread(
                  () -> {
                    try {
                      conn.write("no");
                    } catch (IllegalStateException e) {
                      offLoop.set(e);
                    }
                  });
          other.start();
          try {
            other.join();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          client.get().resume(); // the reader catches up
        };
    TcpServer[] server = new TcpServer[1];
    server[0] =
        loop.createServer(
            conn -> {
              server[0].close();
              serverSide.set(conn);
              if (client.get() != null) burst.run();
            });
    server[0].listen(
        "127.0.0.1",
        0,
        () ->
            loop.connect(
                "127.0.0.1",
                server[0].port(),
                (err, conn) -> {
                  conn.pause();
                  conn.onData(bytes -> {});
                  client.set(conn);
                  if (serverSide.get() != null) burst.run();
                }));
    loop.run();

    assertNotNull(offLoop.get(), "the write off the loop thread threw");
    int serverPort = client.get().remoteAddress().getPort(); // the client side reports it
    List<SocketEvent> served = events.stream().filter(e -> e.remotePort() != serverPort).toList();
    List<SocketEvent.Kind> kinds =
        served.stream().map(SocketEvent::kind).filter(k -> k != SocketEvent.Kind.WRITE).toList();
    assertEquals(
        List.of(
            SocketEvent.Kind.WRITE_REFUSED,
            SocketEvent.Kind.PAUSE,
            SocketEvent.Kind.OFF_LOOP,
            SocketEvent.Kind.DRAIN,
            SocketEvent.Kind.RESUME,
            SocketEvent.Kind.CLOSED),
        kinds,
        served.toString());
    SocketEvent refused = first(served, SocketEvent.Kind.WRITE_REFUSED);
    assertTrue(refused.queuedBytes() >= Connection.HIGH_WATER_MARK, refused.toString());
    for (SocketEvent.Kind k :
        List.of(SocketEvent.Kind.PAUSE, SocketEvent.Kind.RESUME, SocketEvent.Kind.OFF_LOOP)) {
      SocketEvent e = first(served, k);
      assertEquals(
          getClass().getName(), e.callSite().getClassName().replaceAll("\\$.*", ""), e.toString());
    }
    assertEquals("Connection.write", first(served, SocketEvent.Kind.OFF_LOOP).call());
    assertEquals(0, first(served, SocketEvent.Kind.DRAIN).queuedBytes());
    assertFalse(
        served.stream().anyMatch(e -> e.kind() == SocketEvent.Kind.WRITE && e.callSite() != null),
        "plain writes cost no stack walk");
    long ids = served.stream().mapToLong(SocketEvent::connection).distinct().count();
    assertEquals(1, ids, "one connection, one id");
  }

  private static SocketEvent first(List<SocketEvent> events, SocketEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
  }
}
