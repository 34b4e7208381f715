package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.ExerciseSpec;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Session;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;

/**
 * THE HEAVY ROUTE: an HTTP server on the loop whose CPU-heavy {@code /heavy} route must run on
 * the pool, so that {@code /fast} keeps answering. The verifier is the client: four concurrent
 * {@code /heavy} requests, {@code /fast} every few ms meanwhile, then {@code /shutdown}.
 */
public final class TheHeavyRoute implements Verification {

  /** One request: what came back, and when it was sent and answered (verifier's nanoTime). */
  record Exchange(String path, int status, String body, long sent, long answered, String error) {
    long millis() {
      return (answered - sent) / 1_000_000;
    }
  }

  /**
   * Every wait below is bounded by one deadline, {@code interaction.max.ms} after the start, well
   * inside the run's timeout: the verifier enforces the timeout only once this method returns, so
   * a wait that outlived it would turn a correct but slow run into a "timeout". A {@code /fast}
   * gets {@code fast.timeout.ms} (a correct server answers it in milliseconds even on a saturated
   * machine; a blocked one gets no answer, which the verdict reports); {@code /shutdown} gets what
   * is left, at most {@code shutdown.max.ms}.
   */
  @Override
  public void interact(Session session) throws Exception {
    ExerciseSpec spec = session.spec();
    long start = System.nanoTime();
    long deadline = start + Duration.ofMillis(spec.number("interaction.max.ms")).toNanos();
    Duration fastTimeout = Duration.ofMillis(spec.number("fast.timeout.ms"));
    long shutdownMax = Duration.ofMillis(spec.number("shutdown.max.ms")).toNanos();
    long interval = spec.number("fast.interval.ms");
    Optional<Matcher> listening =
        session.awaitOutput(
            "listening on (\\d+)", Duration.ofMillis(spec.number("listening.max.ms")));
    if (listening.isEmpty()) return;
    int port = Integer.parseInt(listening.get().group(1));
    session.put("port", port);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(fastTimeout)
            .build();
    List<String> ns = spec.words("heavy.n");
    // The /heavy answers may take until the deadline, less the time kept for /shutdown.
    long heavyUntil = deadline - Math.min(shutdownMax, (deadline - System.nanoTime()) / 3);
    Duration heavyTimeout = Duration.ofNanos(Math.max(1_000_000L, heavyUntil - System.nanoTime()));
    List<CompletableFuture<Exchange>> heavy = new ArrayList<>();
    for (String n : ns) heavy.add(call(client, port, "/heavy?n=" + n, heavyTimeout));
    List<Exchange> fast = new ArrayList<>();
    CompletableFuture<Void> all = CompletableFuture.allOf(heavy.toArray(CompletableFuture[]::new));
    while (!all.isDone() && System.nanoTime() < heavyUntil && session.alive()) {
      fast.add(call(client, port, "/fast", fastTimeout).join());
      Thread.sleep(interval);
    }
    List<Exchange> heavies = new ArrayList<>();
    for (int i = 0; i < heavy.size(); i++) {
      CompletableFuture<Exchange> h = heavy.get(i);
      heavies.add(
          h.isDone()
              ? h.join()
              : new Exchange(
                  "/heavy?n=" + ns.get(i),
                  0,
                  "",
                  start,
                  System.nanoTime(),
                  "no answer within " + Math.round((System.nanoTime() - start) / 1e9) + " s"));
    }
    session.put("heavy", heavies);
    session.put("fast", fast);
    long left = deadline - System.nanoTime();
    if (left > 0 && session.alive()) {
      session.put(
          "shutdown",
          call(client, port, "/shutdown", Duration.ofNanos(Math.min(left, shutdownMax))).join());
    }
  }

  private static CompletableFuture<Exchange> call(
      HttpClient client, int port, String path, Duration timeout) {
    long sent = System.nanoTime();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(timeout)
            .GET()
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Exchange(path, r.statusCode(), r.body(), sent, System.nanoTime(), ""))
        .exceptionally(
            e ->
                new Exchange(
                    path,
                    0,
                    "",
                    sent,
                    System.nanoTime(),
                    String.valueOf(e.getCause() == null ? e : e.getCause())));
  }

  @Override
  public void judge(Judge judge) {
    Run run = judge.runs().get(0);
    if (!Listening.check(judge, run)) return;
    judge.mainNeverBlocked(run);
    judge.noConfinementViolations(
        run,
        "read what fib needs from the request on main, and send the answer from the"
            + " after-work callback");
    judge.noThreadsOfItsOwn(
        run,
        "your code started no thread of its own",
        "hand fib to loop.queueWork: its pool threads are the ones the lesson is about");
    heavyAnswers(judge, run);
    fastAnswers(judge, run);
    // Exact evidence: the threads that ran Routes.fib, by role (the runtime's pool, by identity).
    String heavy = judge.spec().setting("heavy.frame");
    List<String> fibbed = run.report().threadsThatRan(heavy);
    boolean onPool =
        run.report().ran().stream()
            .anyMatch(r -> r.method().startsWith(heavy + "(") && r.role().equals("pool"));
    judge.check(
        run,
        heavy + " ran on pool threads",
        onPool,
        Diagnosis.WRONG_RESULT,
        fibbed.isEmpty()
            ? heavy + " never ran"
            : heavy + " ran only on " + String.join(", ", fibbed),
        "hand fib to loop.queueWork: its pool threads are the ones the lesson is about");
    judge.check(
        run,
        "after /shutdown it printed \"server closed\"",
        run.lines().contains("server closed"),
        Diagnosis.WRONG_OUTPUT,
        "\"server closed\" was not printed: the loop did not end after the server closed");
    judge.endsOnItsOwn(run);
  }

  private static void heavyAnswers(Judge judge, Run run) {
    List<String> ns = judge.spec().words("heavy.n");
    List<String> expected = judge.spec().words("heavy.expected");
    List<Exchange> heavies = run.<List<Exchange>>data("heavy").orElse(List.of());
    String fact = "each /heavy?n= answered 200 with fib(n)";
    if (heavies.size() < ns.size()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the /heavy requests were not all sent: the server stopped first",
          List.of());
      return;
    }
    for (int i = 0; i < ns.size(); i++) {
      Exchange e = heavies.get(i);
      if (!e.error().isEmpty() || e.status() != 200 || !e.body().strip().equals(expected.get(i))) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "/heavy?n="
                + ns.get(i)
                + " was answered "
                + (e.error().isEmpty()
                    ? e.status() + " \"" + e.body().strip() + "\""
                    : "with an error: " + e.error()),
            List.of("expected 200 \"" + expected.get(i) + "\""));
        return;
      }
    }
    judge.pass(run, fact);
    judge.info(
        run.label()
            + ": /heavy answered in "
            + String.join(", ", heavies.stream().map(e -> e.millis() + " ms").toList()));
  }

  private static void fastAnswers(Judge judge, Run run) {
    long budget = judge.number("fast.p99.budget.ms");
    List<Exchange> fast = run.<List<Exchange>>data("fast").orElse(List.of());
    String fact = "/fast kept answering, p99 under " + budget + " ms of main's time";
    if (fast.isEmpty()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "no /fast request was made: the /heavy answers came before any",
          List.of());
      return;
    }
    for (Exchange e : fast) {
      if (!e.error().isEmpty() || e.status() != 200 || !e.body().strip().equals("fast")) {
        boolean timedOut = e.error().contains("HttpTimeoutException");
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            timedOut
                ? "a /fast got no answer within " + judge.number("fast.timeout.ms") + " ms"
                : "/fast was answered "
                    + (e.error().isEmpty()
                        ? e.status() + " \"" + e.body().strip() + "\""
                        : "with an error: " + e.error()),
            List.of());
        return;
      }
    }
    ProbeReport r = run.report();
    long[] charged =
        fast.stream()
            .mapToLong(e -> r.chargedWithin(e.sent() - r.origin(), e.answered() - r.origin()))
            .sorted()
            .toArray();
    long[] wall = fast.stream().mapToLong(e -> e.answered() - e.sent()).sorted().toArray();
    long p99 = charged[(int) Math.ceil(0.99 * (charged.length - 1))];
    long wallP99 = wall[(int) Math.ceil(0.99 * (wall.length - 1))];
    judge.check(
        run,
        fact,
        p99 < budget * 1_000_000L,
        Diagnosis.WRONG_RESULT,
        "/fast waited " + ms(p99) + " for main at p99: main was busy while /heavy ran",
        Words.count(fast.size(), "/fast request") + "; p99 " + ms(wallP99) + " of wall time");
    judge.info(
        run.label()
            + ": "
            + Words.count(fast.size(), "/fast answer")
            + " while /heavy ran; p99 "
            + ms(p99)
            + " waiting for main, "
            + ms(wallP99)
            + " of wall time");
  }

  private static String ms(long ns) {
    return Math.round(ns / 1e6) + " ms";
  }
}
