package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.Connection;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.TcpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** write returning false, then drain; pause and resume on the reading side. */
@Timeout(60)
class BackpressureTest {
  private static final int CHUNK = 256 * 1024;
  private static final int MOST_CHUNKS = 400; // 100 MiB: far beyond any socket buffer

  @Test
  void writeSaysFalseWhenAPausedPeerDoesNotReadAndDrainSaysWhenToGoOn() {
    EventLoop loop = EventLoop.create();
    AtomicReference<Connection> client = new AtomicReference<>();
    long[] written = {0};
    long[] received = {0};
    long[] receivedWhenFull = {-1};
    long[] bufferedWhenFull = {-1};
    List<String> events = new ArrayList<>();
    AtomicReference<Connection> serverSide = new AtomicReference<>();
    // the burst starts once both ends exist, whichever callback comes second
    Runnable burst =
        () -> {
          Connection conn = serverSide.get();
          byte[] chunk = new byte[CHUNK];
          for (int i = 0; i < MOST_CHUNKS; i++) {
            written[0] += chunk.length;
            if (!conn.write(chunk)) {
              events.add("false");
              break;
            }
          }
          bufferedWhenFull[0] = conn.bufferedBytes();
          receivedWhenFull[0] = received[0];
          conn.onDrain(
              () -> {
                events.add("drain");
                assertEquals(0, conn.bufferedBytes());
                conn.end();
              });
          assertTrue(client.get().isPaused());
          client.get().resume(); // the reader catches up
          assertFalse(client.get().isPaused());
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
                  conn.pause(); // reads nothing for now
                  conn.onData(bytes -> received[0] += bytes.length);
                  conn.onClose(() -> events.add("client closed"));
                  client.set(conn);
                  if (serverSide.get() != null) burst.run();
                }));
    loop.run();

    assertEquals(List.of("false", "drain", "client closed"), events);
    assertTrue(bufferedWhenFull[0] >= Connection.HIGH_WATER_MARK, "" + bufferedWhenFull[0]);
    assertEquals(0, receivedWhenFull[0], "a paused connection gets no data");
    assertEquals(written[0], received[0], "every byte arrived after resume");
  }

  @Test
  void smallWritesToAReadingPeerSayTrue() {
    EventLoop loop = EventLoop.create();
    List<String> got = new ArrayList<>();
    TcpServer[] server = new TcpServer[1];
    server[0] =
        loop.createServer(
            conn -> {
              server[0].close();
              conn.onData(bytes -> got.add(new String(bytes)));
            });
    server[0].listen(
        "127.0.0.1",
        0,
        () ->
            loop.connect(
                "127.0.0.1",
                server[0].port(),
                (err, conn) -> {
                  got.add("write " + conn.write("hello"));
                  got.add("buffered " + conn.bufferedBytes());
                  conn.end();
                }));
    loop.run();
    assertEquals(List.of("write true", "buffered 0", "hello"), got);
  }
}
