package dev.workshop.exercises.checks;

import dev.workshop.verifier.ExerciseSpec;
import dev.workshop.verifier.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CLUSTER's side of the conversation: it waits for the workers, loads them with requests (each on
 * a connection of its own, so that the kernel spreads them over the workers), kills one worker
 * with {@code SIGKILL} in the middle of the load, waits for its replacement, then asks for {@code
 * /shutdown} and watches every process end. What it saw is kept as one text ({@link Log#text()},
 * key {@code cluster.log}), read back by {@link Log#parse(String)}.
 */
final class ClusterLoad {
  private ClusterLoad() {}

  /** A worker's line {@code worker <id> (pid <pid>) listening on <port>}, printed by the host. */
  static final Pattern LISTENING =
      Pattern.compile("worker (\\d+) \\(pid (\\d+)\\) listening on (\\d+)");

  /** One listening line, in the order printed. */
  record Listen(int id, long pid, int port) {}

  /**
   * One request: its phase ({@code fib}, {@code before} the kill, {@code during} the load in which
   * the kill came, {@code shutdown}), what came back, and when it was sent and answered (the
   * verifier's nanoTime, the clock of the probe's report).
   */
  record Exchange(
      String phase, String path, int status, String body, long sent, long answered, String error) {
    boolean answered(String expected) {
      return error.isEmpty() && status == 200 && body.strip().matches(expected);
    }

    String shown() {
      return path
          + " was answered "
          + (error.isEmpty()
              ? status + " " + dev.workshop.verifier.Words.quoted(body.strip(), 40)
              : "with an error: " + error);
    }
  }

  /** The worker the verifier killed, and when (nanoTime), or why it could not. */
  record Kill(int id, long pid, long at, String error) {}

  /** Everything the interaction saw. Times are the verifier's nanoTime; -1 when not seen. */
  record Log(
      List<Listen> listens,
      int listeningBeforeLoad,
      List<Exchange> exchanges,
      Optional<Kill> kill,
      long shutdownAt,
      long endedAt,
      List<Long> left) {

    List<Exchange> phase(String phase) {
      return exchanges.stream().filter(e -> e.phase().equals(phase)).toList();
    }

    String text() {
      StringBuilder b = new StringBuilder();
      b.append("B\t").append(listeningBeforeLoad).append('\n');
      for (Listen l : listens)
        b.append("L\t")
            .append(l.id())
            .append('\t')
            .append(l.pid())
            .append('\t')
            .append(l.port())
            .append('\n');
      for (Exchange e : exchanges)
        b.append(
                String.join(
                    "\t",
                    "X",
                    e.phase(),
                    e.path(),
                    String.valueOf(e.status()),
                    escape(e.body()),
                    String.valueOf(e.sent()),
                    String.valueOf(e.answered()),
                    escape(e.error())))
            .append('\n');
      kill.ifPresent(
          k ->
              b.append(
                      String.join(
                          "\t",
                          "K",
                          String.valueOf(k.id()),
                          String.valueOf(k.pid()),
                          String.valueOf(k.at()),
                          escape(k.error())))
                  .append('\n'));
      b.append("S\t").append(shutdownAt).append('\n');
      b.append("E\t").append(endedAt).append('\n');
      for (long pid : left) b.append("R\t").append(pid).append('\n');
      return b.toString();
    }

    static Log parse(String text) {
      List<Listen> listens = new ArrayList<>();
      List<Exchange> exchanges = new ArrayList<>();
      Optional<Kill> kill = Optional.empty();
      List<Long> left = new ArrayList<>();
      int before = 0;
      long shutdownAt = -1;
      long endedAt = -1;
      for (String line : text.split("\n")) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "B" -> before = Integer.parseInt(f[1]);
          case "L" ->
              listens.add(
                  new Listen(Integer.parseInt(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3])));
          case "X" ->
              exchanges.add(
                  new Exchange(
                      f[1],
                      f[2],
                      Integer.parseInt(f[3]),
                      unescape(f[4]),
                      Long.parseLong(f[5]),
                      Long.parseLong(f[6]),
                      unescape(f[7])));
          case "K" ->
              kill =
                  Optional.of(
                      new Kill(
                          Integer.parseInt(f[1]),
                          Long.parseLong(f[2]),
                          Long.parseLong(f[3]),
                          unescape(f[4])));
          case "S" -> shutdownAt = Long.parseLong(f[1]);
          case "E" -> endedAt = Long.parseLong(f[1]);
          case "R" -> left.add(Long.parseLong(f[1]));
          default -> {
            // an empty line
          }
        }
      }
      return new Log(listens, before, exchanges, kill, shutdownAt, endedAt, left);
    }
  }

  /** Runs the whole conversation; every wait ends by {@code interaction.max.ms}. */
  static void interact(Session session) throws InterruptedException {
    ExerciseSpec spec = session.spec();
    long start = System.nanoTime();
    long deadline = start + ms(spec.number("interaction.max.ms"));
    int processors = Integer.parseInt(spec.words("processors").get(0));
    int expected =
        (int)
            Math.max(spec.number("workers.min"), Math.min(spec.number("workers.max"), processors));
    List<Exchange> exchanges = new ArrayList<>();
    Optional<Kill> kill = Optional.empty();
    long shutdownAt = -1;
    long endedAt = -1;
    List<Long> left = new ArrayList<>();
    int beforeLoad = 0;
    ExecutorService lanes =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "cluster-client");
              t.setDaemon(true);
              return t;
            });
    try {
      if (awaitListening(
              session, 1, Math.min(deadline, now() + ms(spec.number("listening.max.ms"))))
          .isEmpty()) return;
      int port = listens(session).get(0).port();
      session.put("port", port);
      awaitListening(
          session, expected, Math.min(deadline, now() + ms(spec.number("workers.wait.ms"))));
      List<Listen> ready = listens(session);
      beforeLoad = ready.size();
      int timeout = (int) spec.number("request.timeout.ms");
      int laneCount = (int) spec.number("load.lanes");
      int total = (int) spec.number("load.requests");
      int killAfter = (int) spec.number("kill.after");

      // The heavy requests, beside the first part of the load.
      List<CompletableFuture<Exchange>> fibs = new ArrayList<>();
      for (String n : spec.words("fib.n"))
        fibs.add(
            CompletableFuture.supplyAsync(
                () -> get("fib", port, "/fib?n=" + n, (int) spec.number("fib.timeout.ms")), lanes));
      exchanges.addAll(load(lanes, "before", port, killAfter, laneCount, timeout, null));
      for (CompletableFuture<Exchange> f : fibs) {
        long leftNs = deadline - now();
        try {
          exchanges.add(f.get(Math.max(1, leftNs), TimeUnit.NANOSECONDS));
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          exchanges.add(new Exchange("fib", "/fib", 0, "", start, now(), "no answer in time"));
        }
      }
      if (!session.alive()) return;

      // The rest of the load; the first worker dies once a few of these are answered.
      Listen victim = ready.stream().min((a, b) -> Integer.compare(a.id(), b.id())).orElseThrow();
      CountDownLatch killPoint = new CountDownLatch((int) spec.number("kill.within.load"));
      CompletableFuture<List<Exchange>> during =
          CompletableFuture.supplyAsync(
              () -> load(lanes, "during", port, total - killAfter, laneCount, timeout, killPoint),
              lanes);
      killPoint.await(Math.max(1, deadline - now()), TimeUnit.NANOSECONDS);
      kill = Optional.of(kill(victim));
      try {
        exchanges.addAll(during.get(Math.max(1, deadline - now()), TimeUnit.NANOSECONDS));
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // counted below as missing answers
      }

      // Its replacement: a worker whose id was not listening before.
      String known =
          ready.stream().map(l -> String.valueOf(l.id())).collect(Collectors.joining("|"));
      session.awaitOutput(
          "worker (?!(?:" + known + ")\\b)\\d+ \\(pid \\d+\\) listening on",
          Duration.ofNanos(
              Math.max(1, Math.min(deadline - now(), ms(spec.number("restart.max.ms"))))));
      if (!session.alive()) return;

      // The port of the last worker that listened: a cluster whose every worker died has let its
      // port go, and the next worker's listen(0) got a new one (as in Node).
      List<Listen> now = listens(session);
      int last = now.isEmpty() ? port : now.get(now.size() - 1).port();
      shutdownAt = now();
      long shutdownMax = ms(spec.number("shutdown.max.ms"));
      exchanges.add(
          get(
              "shutdown",
              last,
              "/shutdown",
              (int) Math.min(timeout, Math.max(1, (deadline - now()) / 1_000_000))));
      long end = Math.min(deadline, shutdownAt + shutdownMax);
      while (session.alive() && now() < end) Thread.sleep(10);
    } finally {
      if (!session.alive()) endedAt = now();
      List<Listen> all = listens(session);
      for (Listen l : all)
        // Not "descendant": a worker its primary left behind is the init process's child now.
        if (ProcessHandle.of(l.pid()).map(ProcessHandle::isAlive).orElse(false)) left.add(l.pid());
      lanes.shutdownNow();
      session.put(
          "cluster.log",
          new Log(all, beforeLoad, exchanges, kill, shutdownAt, endedAt, left).text());
    }
  }

  /**
   * Sends {@code count} requests of {@code GET /} over {@code laneCount} lanes, each lane one
   * request at a time; counts {@code made} down after each request, answered or not.
   */
  private static List<Exchange> load(
      ExecutorService pool,
      String phase,
      int port,
      int count,
      int laneCount,
      int timeout,
      CountDownLatch made) {
    AtomicInteger next = new AtomicInteger();
    List<CompletableFuture<List<Exchange>>> lanes = new ArrayList<>();
    for (int i = 0; i < laneCount; i++)
      lanes.add(
          CompletableFuture.supplyAsync(
              () -> {
                List<Exchange> mine = new ArrayList<>();
                while (next.getAndIncrement() < count) {
                  mine.add(get(phase, port, "/", timeout));
                  if (made != null) made.countDown();
                }
                return mine;
              },
              pool));
    List<Exchange> all = new ArrayList<>();
    for (CompletableFuture<List<Exchange>> lane : lanes) all.addAll(lane.join());
    all.sort((a, b) -> Long.compare(a.sent(), b.sent()));
    return all;
  }

  /** Kills the worker with {@code SIGKILL}, but only a process this verifier started. */
  private static Kill kill(Listen victim) {
    long at = now();
    if (!descendant(victim.pid()))
      return new Kill(
          victim.id(), victim.pid(), at, "pid " + victim.pid() + " is not the program's");
    boolean sent = ProcessHandle.of(victim.pid()).map(ProcessHandle::destroyForcibly).orElse(false);
    return new Kill(victim.id(), victim.pid(), at, sent ? "" : "it had already exited");
  }

  /** Whether {@code pid} is a process started, directly or not, by this JVM. */
  private static boolean descendant(long pid) {
    return ProcessHandle.current().descendants().anyMatch(p -> p.pid() == pid);
  }

  /** One {@code GET} on a connection of its own ({@code Connection: close}), read to its end. */
  static Exchange get(String phase, int port, String path, int timeoutMs) {
    long sent = now();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMs);
      s.setSoTimeout(timeoutMs);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int headEnd = text.indexOf("\r\n\r\n");
      String[] status = text.split(" ", 3);
      if (headEnd < 0 || status.length < 2 || !status[0].startsWith("HTTP/"))
        return new Exchange(
            phase,
            path,
            0,
            "",
            sent,
            now(),
            text.isEmpty() ? "the connection closed" : "no HTTP answer");
      return new Exchange(
          phase, path, Integer.parseInt(status[1]), text.substring(headEnd + 4), sent, now(), "");
    } catch (IOException | RuntimeException e) {
      return new Exchange(phase, path, 0, "", sent, now(), e.toString());
    }
  }

  private static Optional<Matcher> awaitListening(Session session, int count, long until)
      throws InterruptedException {
    return session.awaitOutput(
        "(?s)(?:.*?" + LISTENING.pattern() + "){" + count + "}",
        Duration.ofNanos(Math.max(1, until - now())));
  }

  /** Every listening line printed so far, in order. */
  static List<Listen> listens(Session session) throws InterruptedException {
    String out =
        session.awaitOutput("(?s)\\A.*", Duration.ofMillis(1)).map(Matcher::group).orElse("");
    List<Listen> all = new ArrayList<>();
    Matcher m = LISTENING.matcher(out);
    while (m.find())
      all.add(
          new Listen(
              Integer.parseInt(m.group(1)),
              Long.parseLong(m.group(2)),
              Integer.parseInt(m.group(3))));
    return all;
  }

  private static long now() {
    return System.nanoTime();
  }

  private static long ms(long millis) {
    return millis * 1_000_000L;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
    }
    return b.toString();
  }
}
