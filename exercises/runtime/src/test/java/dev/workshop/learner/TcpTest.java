package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.Connection;
import dev.workshop.runtime.TcpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class TcpTest {
  static final int CLIENTS = 200;
  static final int CLIENT_THREADS = 4;

  @Test
  void oneLoopThreadServesTwoHundredConcurrentConnections() throws Exception {
    Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
    int[] open = {0};
    AtomicInteger maxOpen = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    AtomicReference<TcpServer> server = new AtomicReference<>();
    CountDownLatch listening = new CountDownLatch(1);
    LoopThread lt =
        LoopThread.start(
            "tcp-loop",
            loop -> {
              TcpServer s =
                  loop.createServer(
                      conn -> {
                        callbackThreads.add(Thread.currentThread().getName());
                        open[0]++;
                        maxOpen.accumulateAndGet(open[0], Math::max);
                        conn.onData(
                            bytes -> {
                              callbackThreads.add(Thread.currentThread().getName());
                              conn.write(new String(bytes, StandardCharsets.UTF_8).toUpperCase());
                            });
                        conn.onClose(
                            () -> {
                              callbackThreads.add(Thread.currentThread().getName());
                              open[0]--;
                              closed.incrementAndGet();
                            });
                      });
              s.listen("127.0.0.1", 0, listening::countDown);
              server.set(s);
            });
    assertTrue(listening.await(20, TimeUnit.SECONDS));
    int port = server.get().port();

    CountDownLatch allConnected = new CountDownLatch(CLIENTS);
    CountDownLatch allEchoed = new CountDownLatch(CLIENTS);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < CLIENT_THREADS; t++) {
        int first = t * (CLIENTS / CLIENT_THREADS);
        results.add(
            clients.submit(
                () -> {
                  List<Socket> sockets = new ArrayList<>();
                  List<String> answers = new ArrayList<>();
                  try {
                    for (int i = 0; i < CLIENTS / CLIENT_THREADS; i++) {
                      Socket s = new Socket();
                      s.connect(new InetSocketAddress("127.0.0.1", port), 20_000);
                      s.setSoTimeout(20_000);
                      sockets.add(s);
                      allConnected.countDown();
                    }
                    assertTrue(allConnected.await(30, TimeUnit.SECONDS));
                    for (int i = 0; i < sockets.size(); i++) {
                      OutputStream out = sockets.get(i).getOutputStream();
                      out.write(("hello-" + (first + i) + "\n").getBytes(StandardCharsets.UTF_8));
                      out.flush();
                    }
                    for (Socket s : sockets) {
                      answers.add(
                          new BufferedReader(
                                  new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                              .readLine());
                      allEchoed.countDown();
                    }
                    // keep every connection open until all 200 were served
                    assertTrue(allEchoed.await(30, TimeUnit.SECONDS));
                  } finally {
                    for (Socket s : sockets) s.close();
                  }
                  return answers;
                }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : results) all.addAll(f.get(60, TimeUnit.SECONDS));
      assertEquals(CLIENTS, all.size());
      for (int i = 0; i < CLIENTS; i++) assertEquals("HELLO-" + i, all.get(i));
    } finally {
      clients.shutdownNow();
    }
    // the loop thread sees every close, then we stop the server and the loop ends by itself
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (closed.get() < CLIENTS && System.nanoTime() < deadline) Thread.sleep(10);
    lt.loop.get().post(() -> server.get().close());
    lt.join();
    assertEquals(CLIENTS, closed.get());
    assertEquals(CLIENTS, maxOpen.get(), "all connections were open at once");
    assertEquals(Set.of("tcp-loop"), callbackThreads);
  }

  @Test
  void clientConnectWriteEndAndReceiveTheReply() throws Exception {
    List<String> log = new ArrayList<>();
    LoopThread lt =
        LoopThread.start(
            "tcp-client-loop",
            loop -> {
              TcpServer server =
                  loop.createServer(
                      conn ->
                          conn.onData(
                                  b -> conn.write("pong:" + new String(b, StandardCharsets.UTF_8)))
                              .onClose(() -> log.add("server saw close")));
              server.listen(
                  "127.0.0.1",
                  0,
                  () ->
                      loop.connect(
                          "127.0.0.1",
                          server.port(),
                          (err, client) -> {
                            assertNull(err);
                            assertTrue(loop.inLoopThread());
                            client.onData(
                                b ->
                                    log.add("client got " + new String(b, StandardCharsets.UTF_8)));
                            client.onClose(
                                () -> {
                                  log.add("client closed");
                                  server.close();
                                });
                            client.write("ping");
                            client.end(); // half-close: we can still receive the reply
                          }));
              // the server answers once the client ended its side
              server.unref();
            });
    lt.join();
    assertTrue(log.contains("client got pong:ping"), log.toString());
    assertTrue(log.indexOf("client got pong:ping") < log.indexOf("client closed"), log.toString());
    assertTrue(log.contains("server saw close"), log.toString());
  }

  @Test
  void halfCloseLetsTheServerReplyAfterTheClientEnded() throws Exception {
    List<String> log = new ArrayList<>();
    LoopThread lt =
        LoopThread.start(
            "tcp-halfclose-loop",
            loop -> {
              TcpServer server =
                  loop.createServer(
                      conn -> {
                        StringBuilder got = new StringBuilder();
                        conn.onData(b -> got.append(new String(b, StandardCharsets.UTF_8)));
                        conn.onClose(() -> log.add("server: closed after " + got));
                      });
              server.listen("127.0.0.1", 0, null);
              loop.connect(
                  "localhost",
                  server.port(),
                  (err, client) -> {
                    client.write("question");
                    client.end();
                    client.onClose(
                        () -> {
                          log.add("client: closed");
                          server.close();
                        });
                  });
            });
    lt.join();
    assertTrue(log.contains("server: closed after question"), log.toString());
    assertTrue(log.contains("client: closed"), log.toString());
  }

  @Test
  void echoRoundTripBetweenLoopClientAndBlockingServer() throws Exception {
    try (ServerSocket ss = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket s = ss.accept()) {
                  byte[] buf = new byte[4];
                  int n = s.getInputStream().readNBytes(buf, 0, 4);
                  s.getOutputStream()
                      .write(
                          ("re:" + new String(buf, 0, n, StandardCharsets.UTF_8))
                              .getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      peer.start();
      StringBuilder reply = new StringBuilder();
      LoopThread lt =
          LoopThread.start(
              "tcp-echo-loop",
              loop ->
                  loop.connect(
                      "127.0.0.1",
                      ss.getLocalPort(),
                      (err, c) -> {
                        assertNull(err);
                        c.onData(b -> reply.append(new String(b, StandardCharsets.UTF_8)));
                        c.write("ping");
                      }));
      lt.join(); // the peer closes after replying; our side ends too, and the loop has nothing left
      peer.join();
      assertEquals("re:ping", reply.toString());
    }
  }

  @Test
  void connectFailureGoesToTheCallback() throws Exception {
    int freePort;
    try (ServerSocket ss = new ServerSocket(0)) {
      freePort = ss.getLocalPort();
    }
    AtomicReference<Throwable> error = new AtomicReference<>();
    AtomicReference<Connection> conn = new AtomicReference<>();
    LoopThread lt =
        LoopThread.start(
            "tcp-refused-loop",
            loop ->
                loop.connect(
                    "127.0.0.1",
                    freePort,
                    (err, c) -> {
                      error.set(err);
                      conn.set(c);
                    }));
    lt.join();
    assertInstanceOf(ConnectException.class, error.get());
    assertNull(conn.get());
  }
}
