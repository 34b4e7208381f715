package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.ExerciseSpec;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Session;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * HANDS OFF THE LOOP'S VALUES: one run of {@code java Host <seed>}, with a new seed for every
 * verify, so that only a digest computed from this run's document can match. The digest must be
 * that of the document as it was when {@code digest} was called, no loop-owned value (the list
 * inside the document included) may be touched off main, {@code Digest.stretch} must run on a pool
 * thread and never on main, and main must stay free.
 */
public final class HandsOffTheLoopsValues implements Verification {
  /** Lines in the host's document, before it adds its own. */
  static final int LINES = 40_000;

  /** Rounds of {@code Digest.stretch}: its {@code ROUNDS}. */
  static final int ROUNDS = 48;

  /** The seed of {@code java Host} with no argument. */
  static final long DEFAULT_SEED = 2024;

  /**
   * The digest {@code java Host} prints with no argument, the one a learner may have seen and
   * pasted: {@code expectedDigest(DEFAULT_SEED)}, kept here to save a second of CPU on a failure.
   */
  static final String DEFAULT_DIGEST =
      "58106a9fcf4b6ea0f274421d77b7a4a32d451c42a7709a5a99a82caccb4af1ae";

  private static final Pattern POOL_THREAD = Pattern.compile("pool-\\d+");
  private static final Pattern FIRST_LINE = Pattern.compile("Hashing\\.+Done!");
  private static final String LAST_LINE = "document now has " + (LINES + 1) + " lines";

  /** The {@link Run#data} key of the run's expected digest. */
  private static final String DIGEST = "expected.digest";

  /** One run, {@code java Host <seed>}, with a seed drawn now (never the default one). */
  @Override
  public List<List<String>> runs(ExerciseSpec spec) {
    return List.of(
        List.of(String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000L))));
  }

  /**
   * Computes the run's expected digest while the program runs: about a second of CPU on the
   * workshop's JVM (its JIT has no SHA-256 intrinsics), on the verifier's thread, which would
   * only wait otherwise. Done in {@link #judge} instead, it would add that second to every verify.
   */
  @Override
  public void interact(Session session) {
    session.put(DIGEST, expectedDigest(seed(session.args())));
  }

  @Override
  public void judge(Judge judge) {
    String heavy = judge.spec().setting("heavy.frame");
    for (Run run : judge.runs()) {
      judge.noConfinementViolations(
          run,
          "copy what the work needs out of the loop-owned value on main, before"
              + " queueWork (List.copyOf: the list inside is the loop's too), and set the result in the after-work callback");
      judge.mainNeverBlocked(run);
      heavyNeverOnMain(judge, run, heavy);
      judge.noThreadsOfItsOwn(
          run,
          "your code started no thread of its own",
          "hand the hashing to loop.queueWork: its pool threads are the ones the lesson is about");
      heavyOnThePool(judge, run, heavy);
      output(judge, run, seed(run.args()));
      doneOnMain(judge, run);
      judge.endsOnItsOwn(run);
    }
  }

  /** The seed of a run: its argument, else the host's default. */
  private static long seed(List<String> args) {
    return args.isEmpty() ? DEFAULT_SEED : Long.parseLong(args.get(0).strip());
  }

  /**
   * What {@code Digest.stretch} gives for the {@value #LINES} lines {@code java Host seed} makes
   * (before the host adds its own): Host.generate and stretch, in one. The same bytes in the same
   * order as stretch's line-by-line updates, so the same digest, computed faster.
   */
  static String expectedDigest(long seed) {
    ByteArrayOutputStream text = new ByteArrayOutputStream(3 << 20);
    for (String line : generate(LINES, seed)) {
      text.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      text.write('\n');
    }
    byte[] bytes = text.toByteArray();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] state = new byte[32];
    for (int round = 0; round < ROUNDS; round++) {
      sha.update(state);
      sha.update(bytes);
      state = sha.digest();
    }
    return HexFormat.of().formatHex(state);
  }

  /** Host.generate, line for line. */
  static List<String> generate(int lines, long seed) {
    String[] words = {
      "loop",
      "thread",
      "pool",
      "callback",
      "process",
      "heap",
      "stack",
      "core",
      "timer",
      "post",
      "work",
      "main",
      "libuv",
      "node",
      "java",
      "queue"
    };
    Random random = new Random(seed);
    List<String> document = new ArrayList<>(lines);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      line.setLength(0);
      line.append(i).append(':');
      int count = 4 + random.nextInt(8);
      for (int w = 0; w < count; w++) {
        line.append(' ').append(words[random.nextInt(words.length)]);
      }
      document.add(line.toString());
    }
    return document;
  }

  /**
   * No loop callback spent its time in the heavy method. The watchdog samples every callback that
   * runs over a few ms, so this sees {@code stretch} on main even on a machine fast enough to keep
   * it under the blocking budget.
   */
  private static void heavyNeverOnMain(Judge judge, Run run, String heavy) {
    String fact = heavy + " never ran on main";
    ProbeReport r = run.report();
    // Exact evidence first: the probe records every thread that ran a learner method, however
    // briefly, so a warm-up call of a few ms on main is seen too.
    if (r.threadsThatRan(heavy).contains("main")) {
      judge.fail(
          run,
          fact,
          Diagnosis.COMPUTING,
          heavy + "() ran on main",
          List.of(
              "even a short call on main is the loop's time: call "
                  + heavy.substring(heavy.lastIndexOf('.') + 1)
                  + " only inside loop.queueWork's work, on a pool thread"));
      return;
    }
    for (ProbeReport.Callback c : r.callbacks()) {
      Optional<ProbeReport.Sampled> s = r.sampled(c.id());
      if (s.isEmpty() || s.get().frame() == null || !s.get().frame().startsWith(heavy + "("))
        continue;
      List<String> evidence = new ArrayList<>(judge.source(s.get().frame()));
      evidence.add(
          Words.callback(c.kind())
              + " on main spent "
              + Math.round(r.charged(c) / 1e6)
              + " ms there");
      evidence.add(
          "copy the document on main, then call "
              + heavy.substring(heavy.lastIndexOf('.') + 1)
              + " inside loop.queueWork's work: it runs on a pool thread");
      judge.fail(
          run, fact, Diagnosis.COMPUTING, heavy + " ran on main, in " + s.get().frame(), evidence);
      return;
    }
    judge.pass(run, fact);
  }

  /**
   * A pool job did the hashing: one ran to its end without throwing, and it accounts for most of
   * the time between the call to digest and "Done!". (Which method a pool job ran is not recorded;
   * its length is what tells the hashing from a token job.)
   */
  private static void heavyOnThePool(Judge judge, Run run, String heavy) {
    String fact = heavy + " ran on a pool thread";
    List<ProbeReport.Job> jobs =
        PoolJobs.learners(run.report()).stream()
            .filter(j -> POOL_THREAD.matcher(j.thread()).matches())
            .toList();
    if (jobs.isEmpty()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          PoolJobs.whyNone(run.report()),
          List.of(
              "hand the hashing to loop.queueWork (or an AsyncWorker): its work runs on pool-1, pool-2..."));
      return;
    }
    // Exact evidence first: a pool thread (by identity) ran the heavy method itself.
    if (run.report().ran().stream()
        .noneMatch(r -> r.method().startsWith(heavy + "(") && r.role().equals("pool"))) {
      List<String> ranOn = run.report().threadsThatRan(heavy);
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          ranOn.isEmpty()
              ? heavy + " never ran"
              : heavy + " ran only on " + String.join(", ", ranOn),
          List.of("call " + heavy + " inside loop.queueWork's work: it runs on pool-1, pool-2..."));
      return;
    }
    List<ProbeReport.Job> ok =
        jobs.stream().filter(j -> j.thrown().isEmpty() && j.start() >= 0).toList();
    if (ok.isEmpty()) {
      ProbeReport.Job j = jobs.get(0);
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the pool job threw " + j.thrown() + " instead of finishing the hash",
          List.of("queued at " + j.site()));
      return;
    }
    ProbeReport.Job longest =
        ok.stream().max((a, b) -> Long.compare(a.end() - a.start(), b.end() - b.start())).get();
    long jobMs = Math.round((longest.end() - longest.start()) / 1e6);
    Optional<Run.Printed> hashing = run.printed("Hashing");
    Optional<Run.Printed> done = run.printed("Done!");
    if (hashing.isPresent() && hashing.get().callback() != null && done.isPresent()) {
      long waitMs = Math.round((done.get().time() - hashing.get().callback().start()) / 1e6);
      judge.info(
          run.label()
              + ": the longest pool job took "
              + jobMs
              + " ms, on "
              + longest.thread()
              + "; \"Done!\" came "
              + waitMs
              + " ms after digest was called");
      if (jobMs * 2 < waitMs) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "the pool job took "
                + jobMs
                + " ms of the "
                + waitMs
                + " ms it took to get the digest: the hashing happened somewhere else",
            List.of(
                "queued at " + longest.site(),
                "call " + heavy + " inside the work, not in the after-work callback"));
        return;
      }
      // CPU time, which load does not change: the pool must have done the hashing, not main in
      // small callbacks while a pool job waited (a job's length alone can be a sleep).
      long poolCpu = ok.stream().mapToLong(ProbeReport.Job::cpu).filter(c -> c >= 0).sum();
      long from = hashing.get().callback().start();
      long mainCpu =
          run.report().callbacks().stream()
              .filter(c -> c.start() >= from && c.start() <= done.get().time() && c.cpu() > 0)
              .mapToLong(ProbeReport.Callback::cpu)
              .sum();
      if (ok.stream().allMatch(j -> j.cpu() >= 0) && mainCpu * 2 >= poolCpu) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "main computed for "
                + Math.round(mainCpu / 1e6)
                + " ms of CPU between digest and Done!, the pool jobs for "
                + Math.round(poolCpu / 1e6)
                + " ms: the hashing happened on main",
            List.of(
                "queued at " + longest.site(),
                "hash the whole copy inside the work: call "
                    + heavy
                    + " there, once, on all the lines"));
        return;
      }
    }
    judge.pass(run, fact);
  }

  private static void output(Judge judge, Run run, long seed) {
    String fact =
        "the output is Hashing, dots, Done!, the digest of this run's document as it was,"
            + " then \""
            + LAST_LINE
            + "\"";
    String digest = run.<String>data(DIGEST).orElseGet(() -> expectedDigest(seed));
    List<String> lines = run.lines();
    Optional<String> printed = run.after("digest:");
    if (printed.isPresent() && !printed.get().equals(digest)) {
      List<String> evidence = new ArrayList<>();
      evidence.add("expected digest: " + digest);
      evidence.add("printed digest:  " + Words.quoted(printed.get(), 72));
      if (seed != DEFAULT_SEED && printed.get().equals(DEFAULT_DIGEST)) {
        evidence.add(
            "that is the digest of the document \"java Host\" makes with no seed: every verify hands digest"
                + " a new document, so only hashing the one it is given can match");
      } else {
        evidence.add(
            "hash a copy of the list made on main when digest is called (List.copyOf), before digest returns:"
                + " the host adds a line to it right after");
      }
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the digest is not that of this run's document (the "
              + LINES
              + " lines of seed "
              + seed
              + ", as they were when digest was called)",
          evidence);
      return;
    }
    boolean shape =
        lines.size() == 3
            && FIRST_LINE.matcher(lines.get(0)).matches()
            && lines.get(1).equals("digest: " + digest)
            && lines.get(2).equals(LAST_LINE);
    if (!shape) {
      List<String> evidence = new ArrayList<>();
      evidence.add("it was: " + Words.quoted(run.stdout().strip(), 72));
      if (run.stdout().indexOf("Done!") >= 0
          && run.stdout().indexOf("Done!") < Math.max(0, run.stdout().indexOf("Hashing"))) {
        evidence.add(
            "\"Done!\" came before \"Hashing\": done ran inside digest, before digest returned");
      } else if (run.stdout().contains("HashingDone!")) {
        evidence.add("no dots while hashing: the loop thread was not free to print them");
      }
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_OUTPUT,
          "the output is not Hashing, dots, Done!, the digest, then the line count",
          evidence);
      return;
    }
    judge.pass(run, fact);
    judge.info(
        run.label()
            + ": "
            + Words.count(lines.get(0).length() - "HashingDone!".length(), "dot")
            + " while hashing");
  }

  private static void doneOnMain(Judge judge, Run run) {
    String fact = "done ran on main";
    Optional<Run.Printed> done = run.printed("Done!");
    if (done.isEmpty()) {
      judge.fail(
          run,
          fact,
          Diagnosis.NO_CALLBACK,
          "done never ran: \"Done!\" was not printed",
          List.of("call done from the after-work callback, once the digest is set"));
      return;
    }
    Run.Printed p = done.get();
    judge.check(
        run,
        fact,
        p.thread().equals("main") && p.callback() != null,
        Diagnosis.WRONG_RESULT,
        "done ran on \"" + p.thread() + "\", not on main",
        "run it from the after-work callback of queueWork (or onOK), which runs on main");
  }
}
