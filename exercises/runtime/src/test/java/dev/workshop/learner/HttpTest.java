package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.HttpServer;
import dev.workshop.runtime.UncaughtCallbackError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HttpTest {

  /** A parsed HTTP response. */
  record Reply(int status, Map<String, String> headers, String body) {}

  /** Sends one request on {@code s} and reads one response (Content-Length framing). */
  static Reply exchange(Socket s, String request) throws IOException {
    s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed in the response head: " + head);
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, c).toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  static Socket open(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 20_000);
    s.setSoTimeout(20_000);
    return s;
  }

  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  }

  @Test
  void fastAnswersWhileHeavyWorkSitsOnThePool() throws Exception {
    CountDownLatch heavyStarted = new CountDownLatch(1);
    CountDownLatch releaseHeavy = new CountDownLatch(1);
    Set<String> handlerThreads = ConcurrentHashMap.newKeySet();
    AtomicReference<String> heavyThread = new AtomicReference<>();
    AtomicReference<HttpServer> server = new AtomicReference<>();
    CountDownLatch listening = new CountDownLatch(1);
    LoopThread lt =
        LoopThread.start(
            "http-loop",
            loop -> {
              HttpServer s = loop.createHttpServer();
              s.get(
                  "/fast",
                  (req, res) -> {
                    handlerThreads.add(Thread.currentThread().getName());
                    res.send("fast " + req.query("n"));
                  });
              s.get(
                  "/heavy",
                  (req, res) -> {
                    handlerThreads.add(Thread.currentThread().getName());
                    loop.queueWork(
                        () -> {
                          heavyThread.set(Thread.currentThread().getName());
                          heavyStarted.countDown();
                          if (!releaseHeavy.await(30, TimeUnit.SECONDS))
                            throw new IllegalStateException("never released");
                          return "heavy done";
                        },
                        (err, result) -> {
                          handlerThreads.add(Thread.currentThread().getName());
                          res.status(201).header("X-Worked-On", heavyThread.get()).send(result);
                        });
                  });
              s.post(
                  "/echo",
                  (req, res) ->
                      res.header("Content-Type", "text/x-echo")
                          .send(req.method() + ":" + req.body()));
              s.listen(0, listening::countDown);
              server.set(s);
            });
    assertTrue(listening.await(20, TimeUnit.SECONDS));
    int port = server.get().port();
    ExecutorService client = Executors.newSingleThreadExecutor();
    try (Socket heavySocket = open(port);
        Socket fastSocket = open(port)) {
      Future<Reply> heavy = client.submit(() -> exchange(heavySocket, get("/heavy")));
      assertTrue(heavyStarted.await(20, TimeUnit.SECONDS), "the heavy job never started");

      // /heavy is still on the pool: /fast must be served meanwhile, twice on one keep-alive
      // connection
      Reply fast = exchange(fastSocket, get("/fast?n=1"));
      assertEquals(200, fast.status());
      assertEquals("fast 1", fast.body());
      assertEquals("keep-alive", fast.headers().get("connection"));
      assertEquals("text/plain; charset=utf-8", fast.headers().get("content-type"));
      Reply again = exchange(fastSocket, get("/fast?n=2"));
      assertEquals("fast 2", again.body());
      assertFalse(heavy.isDone(), "heavy answered before it was released");

      Reply missing = exchange(fastSocket, get("/nope"));
      assertEquals(404, missing.status());
      Reply wrongMethod = exchange(fastSocket, "DELETE /fast HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(405, wrongMethod.status());
      assertEquals("GET", wrongMethod.headers().get("allow"));
      Reply echo =
          exchange(fastSocket, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
      assertEquals("POST:hello", echo.body());
      assertEquals("text/x-echo", echo.headers().get("content-type"));

      releaseHeavy.countDown();
      Reply heavyReply = heavy.get(20, TimeUnit.SECONDS);
      assertEquals(201, heavyReply.status());
      assertEquals("heavy done", heavyReply.body());
      assertTrue(heavyReply.headers().get("x-worked-on").matches("pool-\\d+"));
    } finally {
      releaseHeavy.countDown();
      client.shutdownNow();
      lt.loop.get().post(() -> server.get().close());
    }
    lt.join();
    assertEquals(Set.of("http-loop"), handlerThreads);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderAndConnectionCloseIsHonoured() throws Exception {
    AtomicReference<HttpServer> server = new AtomicReference<>();
    CountDownLatch listening = new CountDownLatch(1);
    LoopThread lt =
        LoopThread.start(
            "http-pipeline-loop",
            loop -> {
              HttpServer s = loop.createHttpServer();
              // answers later, from a timer: responses must still come back in request order
              s.get("/later", (req, res) -> loop.setTimeout(20, () -> res.send("later")));
              s.get("/now", (req, res) -> res.send("now"));
              s.listen(0, listening::countDown);
              server.set(s);
            });
    assertTrue(listening.await(20, TimeUnit.SECONDS));
    try (Socket s = open(server.get().port())) {
      s.getOutputStream()
          .write((get("/later") + get("/now")).getBytes(StandardCharsets.ISO_8859_1));
      Reply first = exchange(s, "");
      Reply second = exchange(s, "");
      assertEquals("later", first.body());
      assertEquals("now", second.body());
      Reply last = exchange(s, "GET /now HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertEquals("close", last.headers().get("connection"));
      assertEquals(
          -1, s.getInputStream().read(), "the server ends the connection after Connection: close");
    } finally {
      lt.loop.get().post(() -> server.get().close());
    }
    lt.join();
  }

  @Test
  void anOversizedBodyIsRefusedAndTheServerKeepsServing() throws Exception {
    AtomicReference<HttpServer> server = new AtomicReference<>();
    CountDownLatch listening = new CountDownLatch(1);
    LoopThread lt =
        LoopThread.start(
            "http-big-loop",
            loop -> {
              HttpServer s = loop.createHttpServer();
              s.post("/upload", (req, res) -> res.send("got " + req.bodyBytes().length));
              s.get("/now", (req, res) -> res.send("now"));
              s.listen(0, listening::countDown);
              server.set(s);
            });
    assertTrue(listening.await(20, TimeUnit.SECONDS));
    try {
      try (Socket s = open(server.get().port())) {
        Reply refused =
            exchange(s, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2147483647\r\n\r\n");
        assertEquals(413, refused.status());
      }
      try (Socket s = open(server.get().port())) {
        assertEquals("now", exchange(s, get("/now")).body());
      }
    } finally {
      lt.loop.get().post(() -> server.get().close());
    }
    lt.join();
  }

  @Test
  void aThrowingHandlerIsUncaughtAndEndsTheRun() throws Exception {
    AtomicReference<HttpServer> server = new AtomicReference<>();
    CountDownLatch listening = new CountDownLatch(1);
    LoopThread lt =
        LoopThread.start(
            "http-throw-loop",
            loop -> {
              HttpServer s = loop.createHttpServer();
              s.get(
                  "/boom",
                  (req, res) -> {
                    throw new IOException("handler failed");
                  });
              s.listen(0, listening::countDown);
              server.set(s);
            });
    assertTrue(listening.await(20, TimeUnit.SECONDS));
    try (Socket s = open(server.get().port())) {
      s.getOutputStream().write(get("/boom").getBytes(StandardCharsets.ISO_8859_1));
      lt.thread.join(20_000);
    }
    assertFalse(lt.thread.isAlive());
    Throwable failure = lt.failure.get();
    assertTrue(failure instanceof UncaughtCallbackError, String.valueOf(failure));
    assertEquals("handler failed", failure.getCause().getMessage());
  }
}
