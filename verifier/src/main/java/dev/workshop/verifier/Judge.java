package dev.workshop.verifier;

import dev.workshop.probe.BlockKind;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.ProbeReport.Block;
import dev.workshop.verifier.report.ProbeReport.RawThread;
import dev.workshop.verifier.report.ProbeReport.ThreadState;
import dev.workshop.verifier.report.ProbeReport.Uncaught;
import dev.workshop.verifier.report.ProbeReport.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an exercise's {@link Verification} judges with: the runs, and a record of checks. Each
 * check becomes one ✓ or ✗ line of the verdict; a ✗ carries a {@link Diagnosis}, a reason and
 * evidence in the learner's terms.
 *
 * <p>Besides {@link #check}, {@link #pass} and {@link #fail} for the exercise's own facts, it
 * offers the checks most exercises share: {@link #endsOnItsOwn}, {@link #mainNeverBlocked},
 * {@link #noConfinementViolations} and {@link #noThreadsOfItsOwn}; the last two take their fact and
 * advice from the exercise, so that their texts are the exercise's own. A test builds one around
 * recorded runs with the public constructor, and reads {@link #results()}.
 */
public final class Judge {
  /** The blocking budget when the exercise sets none: 10 ms of charged time. */
  public static final long DEFAULT_BUDGET_MS = 10;

  private final ExerciseSpec spec;
  private final Path solution;
  private final List<Run> runs;
  private final SourceLines sources;
  private final List<CheckResult> results = new ArrayList<>();
  private final List<String> info = new ArrayList<>();

  /** The labels of the runs whose exception a failure already showed. */
  private final java.util.Set<Run> toldException = new java.util.HashSet<>();

  /**
   * A judge of these runs, with no check recorded yet. The verifier makes one per verify; a test
   * of a verification class makes one around recorded runs ({@link Run#recorded}).
   *
   * @param solution the solution folder, for the learner's source lines; may be null
   */
  public Judge(ExerciseSpec spec, Path solution, List<Run> runs) {
    this.spec = spec;
    this.solution = solution;
    this.runs = List.copyOf(runs);
    this.sources = new SourceLines(spec, solution);
  }

  public ExerciseSpec spec() {
    return spec;
  }

  /** Every run, in the order of {@link Verification#runs(ExerciseSpec)}. */
  public List<Run> runs() {
    return runs;
  }

  /** The blocking budget: the exercise's {@code block.budget.ms}, else {@value #DEFAULT_BUDGET_MS} ms. */
  public long budgetMs() {
    return spec.property("block.budget.ms").map(Long::parseLong).orElse(DEFAULT_BUDGET_MS);
  }

  /** A required whole-number property of the exercise: {@link ExerciseSpec#number}. */
  public long number(String key) {
    return spec.number(key);
  }

  // --- recording ------------------------------------------------------------------------------

  /** Records a check about no single run, {@code name}, as passed. */
  public void pass(String name) {
    record(null, name, true, null, "", List.of());
  }

  /** Records the fact {@code fact} about {@code run} as passed: its name is the run's label, ":", the fact. */
  public void pass(Run run, String fact) {
    record(run, named(run, fact), true, null, "", List.of());
  }

  /**
   * Records a check about no single run as failed. See {@link #fail(Run, String, Diagnosis,
   * String, List)}.
   */
  public void fail(String name, Diagnosis diagnosis, String reason, List<String> evidence) {
    record(null, name, false, diagnosis, reason, evidence);
  }

  /** As {@link #fail(String, Diagnosis, String, List)}, evidence given line by line. */
  public void fail(String name, Diagnosis diagnosis, String reason, String... evidence) {
    fail(name, diagnosis, reason, List.of(evidence));
  }

  /**
   * Records the fact {@code fact} about {@code run} as failed. The first failure of a run whose
   * solution threw (an exception nobody caught, on any thread, or one a pool job threw) also
   * shows that exception, with the learner's frame and source line, unless its evidence already
   * names it: the exception is often the real story behind a wrong result or a missing answer.
   *
   * @param fact what should have held, after the run's label: "the callback ran once"
   * @param reason one sentence on what went wrong, in the learner's terms
   * @param evidence further lines: what was seen, the source line, and last what to do instead
   */
  public void fail(
      Run run, String fact, Diagnosis diagnosis, String reason, List<String> evidence) {
    record(run, named(run, fact), false, diagnosis, reason, evidence);
  }

  /** As {@link #fail(Run, String, Diagnosis, String, List)}, evidence given line by line. */
  public void fail(Run run, String fact, Diagnosis diagnosis, String reason, String... evidence) {
    fail(run, fact, diagnosis, reason, List.of(evidence));
  }

  /** A check's name: the run's label, ":", the fact. */
  private static String named(Run run, String fact) {
    return run.label() + ": " + fact;
  }

  private void record(
      Run run,
      String name,
      boolean passed,
      Diagnosis diagnosis,
      String reason,
      List<String> evidence) {
    results.add(
        new CheckResult(
            name,
            passed,
            diagnosis,
            reason,
            passed || run == null ? evidence : withException(run, reason, evidence),
            run));
  }

  /** {@code evidence}, then the exception of {@code run}, once per run. */
  private List<String> withException(Run run, String reason, List<String> evidence) {
    if (!toldException.add(run)) return evidence;
    List<String> told = exception(run.report());
    if (told.isEmpty()) return evidence;
    String exception = told.get(told.size() - 1);
    if (reason.contains(exception) || String.join("\n", evidence).contains(exception))
      return evidence;
    List<String> lines = new ArrayList<>(evidence);
    lines.addAll(told.subList(0, told.size() - 1));
    return lines;
  }

  /**
   * The evidence lines for the exception a run's solution threw: the first one nobody caught,
   * else the first one a pool job threw; empty when none. The last element is not a line but the
   * exception's class name, for {@link #withException} to see whether the evidence names it.
   */
  private List<String> exception(ProbeReport r) {
    List<String> lines = new ArrayList<>();
    if (!r.uncaught().isEmpty()) {
      Uncaught u = r.uncaught().get(0);
      lines.add("\"" + u.thread() + "\" threw an exception nobody caught" + where(u.frame()) + ":");
      lines.addAll(source(u.frame()));
      lines.add(u.exception() + (u.message().equals("null") ? "" : ": " + u.message()));
      lines.addAll(causeLines(u));
      lines.add(u.exception());
      return lines;
    }
    // An fs() call's error (a missing file) is its callback's error argument by design: not told.
    Optional<ProbeReport.Job> job =
        r.jobs().stream()
            .filter(j -> j.thrown() != null && !j.thrown().isEmpty())
            .filter(j -> j.kind() == null || !j.kind().startsWith("FS_"))
            .findFirst();
    if (job.isEmpty()) return lines;
    ProbeReport.Job j = job.get();
    lines.add(
        "the pool job queued"
            + where(j.site())
            + " threw "
            + j.thrown()
            + " on \""
            + j.thread()
            + "\"");
    lines.addAll(source(j.site()));
    lines.add("its after-work callback receives that exception as its error argument");
    lines.add(j.thrown());
    return lines;
  }

  /**
   * Records a check about no single run: passed when {@code ok}, else failed with this diagnosis,
   * reason and evidence.
   *
   * @return {@code ok}
   */
  public boolean check(
      String name, boolean ok, Diagnosis diagnosis, String reason, String... evidence) {
    return check(name, ok, diagnosis, reason, List.of(evidence));
  }

  /** As {@link #check(String, boolean, Diagnosis, String, String...)}, evidence as a list. */
  public boolean check(
      String name, boolean ok, Diagnosis diagnosis, String reason, List<String> evidence) {
    if (ok) {
      pass(name);
    } else {
      fail(name, diagnosis, reason, evidence);
    }
    return ok;
  }

  /**
   * Records the fact {@code fact} about {@code run}: passed when {@code ok}, else failed with
   * this diagnosis, reason and evidence (see {@link #fail(Run, String, Diagnosis, String, List)}).
   *
   * @return {@code ok}
   */
  public boolean check(
      Run run, String fact, boolean ok, Diagnosis diagnosis, String reason, String... evidence) {
    return check(run, fact, ok, diagnosis, reason, List.of(evidence));
  }

  /** As {@link #check(Run, String, boolean, Diagnosis, String, String...)}, evidence as a list. */
  public boolean check(
      Run run, String fact, boolean ok, Diagnosis diagnosis, String reason, List<String> evidence) {
    if (ok) {
      pass(run, fact);
    } else {
      fail(run, fact, diagnosis, reason, evidence);
    }
    return ok;
  }

  /** A line that explains without judging, shown under the checks. */
  public void info(String line) {
    info.add(line);
  }

  /** The checks recorded so far, in order. */
  public List<CheckResult> results() {
    return results;
  }

  /** The info lines recorded so far, in order. */
  public List<String> infoLines() {
    return info;
  }

  // --- checks most exercises share ---------------------------------------------------------

  /**
   * The program ended by itself: not killed at the timeout, no {@code System.exit}, no uncaught
   * exception, exit code 0. When it did not, the failure says what held it: a starved pool (every
   * pool thread waiting for a future with jobs queued behind them, whether the probe stopped the
   * run for it or the run timed out; {@link PoolStarvation}), a deadlock, a thread
   * that kept the JVM alive, or what main was doing when time ran out.
   */
  public boolean endsOnItsOwn(Run run) {
    String name = run.label() + " ended by itself, with exit code 0";
    ProbeReport r = run.report();
    Optional<CheckResult> starved = PoolStarvation.endedIt(this, run, name);
    if (starved.isPresent()) return !results.add(starved.get());
    if (run.timedOut()) {
      long seconds = spec.timeout().toMillis();
      if (!r.deadlocks().isEmpty()) {
        List<String> evidence = new ArrayList<>(List.of(r.deadlocks().get(0).split("\n")));
        record(
            run,
            name,
            false,
            Diagnosis.DEADLOCK,
            "the threads are deadlocked: each waits for a lock another one holds",
            evidence);
        return false;
      }
      if (r.mainEnded().isPresent() && !r.alive().isEmpty()) {
        ThreadState t = r.alive().get(0);
        List<String> evidence = new ArrayList<>();
        evidence.add("\"" + t.thread() + "\" is " + t.kind().words() + where(t.frame()));
        evidence.addAll(source(t.frame()));
        evidence.add("make it a daemon thread (setDaemon(true)), end it, or better: use the pool");
        record(
            run,
            name,
            false,
            Diagnosis.KEPT_ALIVE,
            "main returned, but thread \""
                + t.thread()
                + "\" was still running after "
                + seconds
                + " ms and kept the JVM alive",
            evidence);
        return false;
      }
      List<String> evidence = new ArrayList<>();
      for (ThreadState t : r.stuck()) {
        evidence.add(
            "at the timeout, \""
                + t.thread()
                + "\" was "
                + t.kind().words()
                + where(t.frame())
                + (t.detail().isEmpty() ? "" : ", " + t.detail()));
        evidence.addAll(source(t.frame()));
      }
      if (r.loopStarted()
          && !r.loopEnded()
          && r.stuck().stream().noneMatch(t -> !t.frame().isEmpty())) {
        evidence.add(
            "the event loop was still waiting for something: a timer, a handle or a callback");
      }
      // An exception that ended another thread is often why the loop never ran out of work.
      for (Uncaught u : r.uncaught()) {
        evidence.add(
            "earlier, "
                + u.exception()
                + (u.message().equals("null") ? "" : ": " + u.message())
                + " ended thread \""
                + u.thread()
                + "\""
                + where(u.frame()));
        evidence.addAll(source(u.frame()));
        break;
      }
      record(
          run,
          name,
          false,
          Diagnosis.TIMEOUT,
          "it was still running after " + seconds + " ms and was stopped",
          evidence);
      return false;
    }
    if (r.exit().isPresent()) {
      ProbeReport.Exit e = r.exit().get();
      List<String> evidence = new ArrayList<>();
      evidence.add("System.exit was called" + where(e.frame()) + " on \"" + e.thread() + "\"");
      evidence.addAll(source(e.frame()));
      evidence.add(
          r.loopStarted()
              ? "let the loop end by itself: cancel timers and close handles, and run() returns"
              : "let main return: the program ends when its last non-daemon thread does");
      record(
          run,
          name,
          false,
          Diagnosis.EXIT_CODE,
          "the program was ended with System.exit instead of running out of work",
          evidence);
      return false;
    }
    if (!r.uncaught().isEmpty()) {
      Uncaught u = r.uncaught().get(0);
      List<String> evidence = new ArrayList<>();
      if (shownAbove(run, u)) {
        // A ✗ above already showed it with its line: name it, do not repeat it.
        evidence.add("the " + u.exception() + " shown above, thrown on \"" + u.thread() + "\"");
      } else {
        evidence.add(u.exception() + (u.message().equals("null") ? "" : ": " + u.message()));
        evidence.add("thrown on \"" + u.thread() + "\"" + where(u.frame()));
        evidence.addAll(source(u.frame()));
      }
      evidence.addAll(causeLines(u));
      record(
          run,
          name,
          false,
          Diagnosis.EXCEPTION,
          "an exception nobody caught ended "
              + (u.thread().equals("main") ? "the program" : "thread \"" + u.thread() + "\""),
          evidence);
      return false;
    }
    if (run.exitCode() != 0) {
      List<String> evidence = new ArrayList<>();
      String err = run.stderr().strip();
      if (!err.isEmpty()) err.lines().limit(6).forEach(evidence::add);
      record(
          run,
          name,
          false,
          Diagnosis.EXIT_CODE,
          "it ended with exit code " + run.exitCode(),
          evidence);
      return false;
    }
    record(run, name, true, null, "", List.of());
    return true;
  }

  /** Whether a failure of {@code run} recorded so far names {@code u} (as {@link #withException}). */
  private boolean shownAbove(Run run, Uncaught u) {
    String shown = u.exception();
    return results.stream()
        .filter(c -> c.run() == run && !c.passed())
        .anyMatch(
            c -> c.reason().contains(shown) || String.join("\n", c.evidence()).contains(shown));
  }

  /**
   * No loop callback held the main thread for longer than the budget (charged time: wall time
   * minus time waiting for a CPU, VM pauses and JDK warm-up). A failure names the longest block,
   * what main was doing, and the learner's line.
   */
  public boolean mainNeverBlocked(Run run) {
    return mainNeverBlocked(run, Map.of());
  }

  /**
   * As {@link #mainNeverBlocked(Run)}, with the exercise's own advice for some kinds of block (a
   * blocking lookup on main is told to use {@code loop.resolve}, not the pool).
   *
   * @param advice the advice per kind of block; other kinds get the shared advice
   */
  public boolean mainNeverBlocked(Run run, Map<BlockKind, String> advice) {
    long budget = budgetMs();
    String name = run.label() + ": the main thread was never blocked for " + budget + " ms or more";
    List<Block> blocks = run.report().blocks(budget * 1_000_000L);
    if (blocks.isEmpty()) {
      record(run, name, true, null, "", List.of());
      return true;
    }
    Block b = blocks.get(0);
    List<String> evidence = new ArrayList<>(describe(b));
    if (blocks.size() > 1)
      evidence.add(
          "and "
              + (blocks.size() - 1)
              + " more block"
              + (blocks.size() > 2 ? "s" : "")
              + " over "
              + budget
              + " ms");
    evidence.add(advice.getOrDefault(b.kind(), Advice.of(b)));
    record(
        run,
        name,
        false,
        Diagnosis.of(b.kind()),
        "main thread blocked for "
            + b.chargedMillis()
            + " ms, "
            + b.kind().words()
            + where(b.frame()),
        evidence);
    return false;
  }

  /** Info lines describing every block over the budget, without failing: for lessons that show one. */
  public List<Block> showBlocks(Run run) {
    List<Block> blocks = run.report().blocks(budgetMs() * 1_000_000L);
    for (Block b : blocks) {
      info(
          run.label()
              + ": main thread blocked for "
              + b.chargedMillis()
              + " ms, "
              + b.kind().words()
              + where(b.frame()));
      source(b.frame()).forEach(this::info);
    }
    return blocks;
  }

  /**
   * No loop-owned value was touched from another thread.
   *
   * @param advice the exercise's own last line of evidence on a failure: what to do instead, in
   *     the terms of the exercise's task (its fix may be queueWork's after-work callback, a
   *     setTimeout, a post...)
   */
  public boolean noConfinementViolations(Run run, String advice) {
    String name = run.label() + ": loop-owned values were only touched on the loop thread";
    List<Violation> v = run.report().violations();
    if (v.isEmpty()) {
      record(run, name, true, null, "", List.of());
      return true;
    }
    Violation first = v.get(0);
    List<String> evidence = new ArrayList<>();
    evidence.add(
        "\""
            + first.offender()
            + "\" touched a value owned by \""
            + first.owner()
            + "\""
            + where(first.frame()));
    evidence.addAll(source(first.frame()));
    if (!advice.isEmpty()) evidence.add(advice);
    record(
        run,
        name,
        false,
        Diagnosis.CONFINEMENT,
        v.size() == 1
            ? "a loop-owned value was touched from another thread"
            : v.size() + " touches of loop-owned values from other threads",
        evidence);
    return false;
  }

  /**
   * The solution started no threads of its own that ran its code (the runtime's pool threads,
   * main and the JVM's own do not count), exactly, whatever their names.
   *
   * @param fact the fact, in the exercise's terms: "delay ran on no thread of its own"
   * @param advice the last line of evidence on a failure: what to use instead, in the exercise's
   *     terms
   */
  public boolean noThreadsOfItsOwn(Run run, String fact, String advice) {
    String name = named(run, fact);
    List<RawThread> raw = run.report().rawThreads();
    if (raw.isEmpty()) {
      record(run, name, true, null, "", List.of());
      return true;
    }
    RawThread t = raw.get(0);
    List<String> evidence = new ArrayList<>();
    if (!t.startedAt().isEmpty()) {
      evidence.add(
          "thread \""
              + t.name()
              + "\" was "
              + (t.name().startsWith("Timer-")
                  ? "made by the Timer created"
                  : t.name().startsWith("ForkJoinPool.commonPool")
                      ? "lent by the common pool, for the task started"
                      : "started")
              + where(t.startedAt()));
      evidence.addAll(source(t.startedAt()));
      if (!t.frame().isEmpty()) evidence.add("and ran " + t.frame());
    } else {
      evidence.add(
          "thread \""
              + t.name()
              + "\" ran"
              + (t.frame().isEmpty() ? " code of yours" : " " + t.frame()));
      evidence.addAll(source(t.frame()));
    }
    if (raw.size() > 1)
      evidence.add("and " + (raw.size() - 1) + " more thread" + (raw.size() > 2 ? "s" : ""));
    if (!advice.isEmpty()) evidence.add(advice);
    record(
        run,
        name,
        false,
        Diagnosis.RAW_THREAD,
        "the solution started its own thread \"" + t.name() + "\"",
        evidence);
    return false;
  }

  // --- words -------------------------------------------------------------------------------

  /** The evidence lines for one block: detail, source line, and how it was measured. */
  public List<String> describe(Block b) {
    List<String> lines = new ArrayList<>();
    lines.addAll(source(b.frame()));
    if (!b.detail().isEmpty()) {
      lines.add(
          b.kind() == BlockKind.WAITING_LOCK
              ? "the lock is " + b.detail()
              : b.busyWait() ? b.detail() : "in " + b.detail());
    }
    ProbeReport.Callback c = b.callback();
    String measured =
        c.mainScript()
            ? (run(b).map(r -> r.report().loopStarted()).orElse(true)
                    ? "main, before loop.run() started the loop: "
                    : "main, which ended the program before loop.run(): ")
                + Math.round(c.wall() / 1e6)
                + " ms of wall time"
            : Words.callback(c.kind())
                + (c.site().isEmpty() ? "" : " scheduled at " + c.site())
                + ": "
                + Math.round(c.wall() / 1e6)
                + " ms of wall time";
    long stalled = run(b).map(r -> r.report().stalledWithin(c.start(), c.end())).orElse(0L);
    if (stalled > 0)
      measured +=
          ", " + Math.round(stalled / 1e6) + " ms of it with the whole JVM stopped (not counted)";
    if (c.cpuWait() > 0) {
      measured +=
          ", "
              + Math.round(c.cpuWait() / 1e6)
              + " ms of it waiting for a CPU"
              + (b.busyWait()
                  ? " (counted: a busy wait lasts as long as the clock says, however busy the machine)"
                  : " (not counted)");
    }
    if (c.ownGc() > 0) {
      lines.add(
          "it allocated "
              + (c.allocated() >> 20)
              + " MB on the loop thread, and the garbage collector stopped the JVM"
              + " for "
              + Math.round(c.ownGc() / 1e6)
              + " ms to clear it");
    }
    if (!c.finished()) measured += ", still running when the run was stopped";
    lines.add(measured);
    return lines;
  }

  /** The run whose report holds this block. */
  private Optional<Run> run(Block b) {
    return runs.stream()
        .filter(
            r ->
                r.report().callbacks().contains(b.callback())
                    || r.report().mainScript().filter(b.callback()::equals).isPresent())
        .findFirst();
  }

  /**
   * The lines naming where an uncaught exception really came from, when its cause was thrown
   * elsewhere (a pool job's error rethrown by the after-work callback): its class and message,
   * its thread and the learner's line; empty when there is no such cause.
   */
  private List<String> causeLines(Uncaught u) {
    if (u.rootCause().isEmpty()) return List.of();
    ProbeReport.Cause c = u.rootCause().get();
    List<String> lines = new ArrayList<>();
    boolean elsewhere = !c.thread().isEmpty() && !c.thread().equals(u.thread());
    lines.add(
        "caused by an exception thrown"
            + (elsewhere ? " on \"" + c.thread() + "\"" : "")
            + where(c.frame())
            + ":");
    if (!c.frame().equals(u.frame())) lines.addAll(source(c.frame()));
    lines.add(c.exception() + (c.message().equals("null") ? "" : ": " + c.message()));
    return lines;
  }

  private static String where(String frame) {
    return frame == null || frame.isEmpty() ? "" : " in " + frame;
  }

  /**
   * The learner's source line behind a frame such as {@code Delay.delay(Delay.java:9)}, as
   * {@code "  9 |     Thread.sleep(ms);"}; empty when the file is not in the solution folder.
   */
  public List<String> source(String frame) {
    return sources.line(frame);
  }
}
