package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.EndingException;
import dev.workshop.verifier.ExerciseSpec;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.SharedSites;
import dev.workshop.verifier.report.WorkerEvidence.SharedAccesses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SHARED MEMORY: four workers add to one counter in a {@code SharedBuffer}, a million times each,
 * for a few rounds; a fifth worker sleeps in {@code Atomics.wait} until main signals. Every fact
 * stands on the probe's shared-memory counts: per thread and buffer, how many of each operation
 * ({@link SharedAccesses}); and per call site and thread, the solution's plain {@code get} and
 * {@code set} calls ({@link SharedSites}). A plain write two threads made to one element is named
 * by its line whether or not this run lost an update: on a busy 2-core machine it may not have.
 */
public final class SharedMemory implements Verification {
  private static final Pattern TOTAL = Pattern.compile("round (\\d+): total (-?\\d+)");
  private static final Pattern READ = Pattern.compile("round (\\d+): the waiter read (-?\\d+)");
  private static final String WAIT_REFUSED = "Atomics.wait on";
  private static final String SIGNALLED =
      "in each round, a worker waited with Atomics.wait until main signalled";

  /** One run: {@code java Host <times> <rounds>}. */
  @Override
  public List<List<String>> runs(ExerciseSpec spec) {
    return List.of(
        List.of(String.valueOf(spec.number("times")), String.valueOf(spec.number("rounds"))));
  }

  @Override
  public void judge(Judge judge) {
    long adders = judge.number("adders");
    for (Run run : judge.runs()) {
      long times = Long.parseLong(run.args().get(0));
      int rounds = Integer.parseInt(run.args().get(1));
      judge.mainNeverBlocked(run);
      neverWaitedOnMain(judge, run);
      judge.noThreadsOfItsOwn(
          run,
          "your code started no thread of its own",
          "start a Worker instead: new Worker(loop, Counters.Adder.class, data)");
      fourAdders(judge, run, adders, times, rounds);
      noPlainWriteFromTwoThreads(judge, run);
      if (EndingException.of(run).isPresent()) {
        // The rounds after it never ran: their totals and signals would only repeat that.
        judge.endsOnItsOwn(run);
        EndingException.notJudged(judge, run, List.of(totalsFact(adders * times), SIGNALLED));
        continue;
      }
      totals(judge, run, rounds, adders * times);
      signalled(judge, run, rounds, adders * times);
      judge.endsOnItsOwn(run);
    }
  }

  /**
   * Main never called Atomics.wait: the woven call is counted with its line before the runtime
   * refuses it (caught or not); the refusal's exception, uncaught, is the fallback.
   */
  private static void neverWaitedOnMain(Judge judge, Run run) {
    String fact = "main never called Atomics.wait";
    List<String> advice =
        List.of(
            "waiting there would stop main's event loop, and every timer, message and callback"
                + " with it, so the runtime throws instead",
            "learn that the adders are done from their onExit callbacks on main; only a worker"
                + " may sleep in Atomics.wait");
    Optional<ProbeReport.Uncaught> refused =
        run.report().uncaught().stream()
            .filter(
                u ->
                    (u.message() + " " + u.rootCause().map(c -> c.message()).orElse(""))
                        .contains(WAIT_REFUSED))
            .findFirst();
    for (SharedSites.Access w : run.workers().sharedSites().waitsOn("main", "loop")) {
      List<String> evidence = new ArrayList<>(judge.source(w.site()));
      refused.ifPresent(
          u -> evidence.add("nobody caught its " + u.exception() + ", so the program ended there"));
      evidence.addAll(advice);
      judge.fail(
          run,
          fact,
          Diagnosis.WAITING,
          "main called Atomics.wait" + at(w.site()) + ", and the runtime refused",
          evidence);
      return;
    }
    for (ProbeReport.Uncaught u : run.report().uncaught()) {
      String message = u.message() + " " + u.rootCause().map(c -> c.message()).orElse("");
      if (!message.contains(WAIT_REFUSED)) continue;
      String frame = u.rootCause().map(c -> c.frame()).filter(f -> !f.isEmpty()).orElse(u.frame());
      List<String> evidence = new ArrayList<>(judge.source(frame));
      evidence.addAll(advice);
      judge.fail(
          run,
          fact,
          Diagnosis.WAITING,
          "main called Atomics.wait" + at(frame) + ", and the runtime refused",
          evidence);
      return;
    }
    judge.pass(run, fact);
  }

  /**
   * In each round, four worker threads changed the shared buffer: the work was shared. (Whether
   * their adds all arrived is the totals' fact.)
   */
  private static void fourAdders(Judge judge, Run run, long adders, long times, int rounds) {
    String fact = "in each round, " + adders + " workers added to the shared counter";
    List<SharedAccesses> writers =
        run.workers().sharedAccesses().stream()
            .filter(s -> s.role().equals("worker") && changes(s) > 0)
            .toList();
    // Rounds that never started (an earlier round never reported) are the totals' fact.
    int started = Math.max(1, Math.min(rounds, values(run, TOTAL).size()));
    if (writers.size() >= adders * started) {
      judge.pass(run, fact);
      judge.info(
          run.label()
              + ": "
              + Words.count(writers.size(), "worker")
              + " added to a shared counter over "
              + Words.count(started, "round"));
      return;
    }
    List<String> evidence = new ArrayList<>();
    for (SharedAccesses s : writers.subList(0, Math.min(2, writers.size()))) {
      evidence.add(s.thread() + ": " + counts(s.counts()));
    }
    evidence.add(
        "start "
            + adders
            + " Adder workers per round, all with the same buffer, each adding 1 "
            + times
            + " times: shared memory is for threads that work at the same time, and a counter"
            + " one thread owns needs no Atomics");
    judge.fail(
        run,
        fact,
        Diagnosis.NO_WORKER,
        writers.isEmpty()
            ? "no worker changed a shared buffer"
            : Words.count(writers.size(), "worker")
                + " changed a shared buffer, not "
                + adders * started
                + " ("
                + adders
                + " per round, "
                + Words.count(started, "round")
                + ")",
        evidence);
  }

  /** No element was written with plain set by two threads: the shape of a lost update. */
  private static void noPlainWriteFromTwoThreads(Judge judge, Run run) {
    String fact = "no two threads wrote one element with a plain set";
    Optional<SharedSites.Race> race = run.workers().sharedSites().race();
    if (race.isEmpty()) {
      judge.pass(run, fact);
      return;
    }
    SharedSites.Race r = race.get();
    SharedSites.Access w = r.write();
    String what = r.read().isPresent() ? "a plain read-add-write" : "a plain write";
    List<String> evidence = new ArrayList<>();
    evidence.add(
        w.thread()
            + " ran it "
            + w.count()
            + " times, and "
            + r.other().thread()
            + " wrote the same element "
            + r.other().count()
            + " times"
            + (r.other().site().equals(w.site()) ? " on the same line" : at(r.other().site())));
    evidence.addAll(judge.source(w.site()));
    evidence.add(
        "get and set are separate steps: two threads both read 5 and both write 6, and one add is"
            + " lost; how many depends on timing, so a run can look right and the next one not");
    evidence.add("make each add one indivisible step: Atomics.add(buffer, index, 1)");
    judge.fail(
        run,
        fact,
        Diagnosis.LOST_UPDATE,
        what + " on a SharedBuffer ran on two threads at once" + at(w.site()),
        evidence);
  }

  private static String totalsFact(long expected) {
    return "every round's total is exactly " + expected;
  }

  /** Every round's total is exact. */
  private static void totals(Judge judge, Run run, int rounds, long expected) {
    String fact = totalsFact(expected);
    Map<Integer, Long> got = values(run, TOTAL);
    for (int n = 1; n <= rounds; n++) {
      Long t = got.get(n);
      if (t == null) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "round " + n + " reported no total (" + Words.count(got.size(), "round") + " did)",
            "call round.total(...) on main once the adders have ended");
        return;
      }
      if (t != expected) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "round " + n + "'s total was " + t + ", not " + expected,
            t < expected && t > 0 && expected % t == 0
                ? "that is one worker's share: did each one store its own count over the others'"
                    + " (Atomics.store replaces the value; Atomics.add adds to it)?"
                : "every add must reach the shared counter: Atomics.add(buffer, index, 1)");
        return;
      }
    }
    judge.pass(run, fact);
  }

  /**
   * A worker slept in Atomics.wait, main changed a value then notified, and the waiter read the
   * round's total, in every round.
   */
  private static void signalled(Judge judge, Run run, int rounds, long expected) {
    String fact = SIGNALLED;
    List<SharedAccesses> shared = run.workers().sharedAccesses();
    long waiters =
        shared.stream()
            .filter(s -> s.role().equals("worker") && s.counts().getOrDefault("WAIT", 0L) > 0)
            .count();
    Optional<SharedAccesses> notifyOnly =
        shared.stream()
            .filter(s -> s.role().equals("main") || s.role().equals("loop"))
            .filter(s -> s.counts().getOrDefault("BARE_NOTIFY", 0L) > 0)
            .findFirst();
    if (notifyOnly.isPresent()) {
      List<String> evidence = new ArrayList<>();
      Map<String, Long> c = notifyOnly.get().counts();
      evidence.add(
          "on the buffer it signals, main called Atomics.notify "
              + Words.count(c.getOrDefault("NOTIFY", 0L), "time", "times")
              + ", "
              + c.get("BARE_NOTIFY")
              + " of them with no change to that buffer before");
      for (ProbeReport.ThreadState t : run.report().stuck()) {
        if (t.frame().isEmpty() || !t.thread().startsWith("worker")) continue;
        evidence.add("at the timeout, \"" + t.thread() + "\" still waited" + at(t.frame()));
        evidence.addAll(judge.source(t.frame()));
        break;
      }
      evidence.add(
          "a notify wakes only the threads already asleep: one that reaches Atomics.wait a moment"
              + " later finds the value unchanged and sleeps on");
      evidence.add("change the value first (Atomics.store(buffer, DONE, 1)), then notify");
      judge.fail(
          run,
          fact,
          Diagnosis.LOST_SIGNAL,
          "main called Atomics.notify without changing a value first: a waiter that comes late"
              + " never sees that signal",
          evidence);
      return;
    }
    if (waiters < rounds) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          Words.count(waiters, "worker")
              + " called Atomics.wait, not one per round ("
              + Words.count(rounds, "round")
              + ")",
          "start a Waiter worker in each round that sleeps in Atomics.wait(buffer, DONE, 0)");
      return;
    }
    long signals =
        shared.stream()
            .filter(s -> s.role().equals("main"))
            .mapToLong(s -> s.counts().getOrDefault("NOTIFY", 0L))
            .sum();
    if (signals < rounds) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "main called Atomics.notify " + signals + " times, not once per round",
          "once main has the total: Atomics.store(buffer, DONE, 1), then Atomics.notify");
      return;
    }
    Map<Integer, Long> read = values(run, READ);
    for (int n = 1; n <= rounds; n++) {
      Long v = read.get(n);
      if (v == null || v != expected) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            v == null
                ? "in round " + n + ", the waiter's reading never reached main"
                : "in round " + n + ", the waiter read " + v + ", not " + expected,
            "once woken, the waiter reads the counter (Atomics.load) and posts what it read");
        return;
      }
    }
    judge.pass(run, fact);
  }

  /** How many times a thread changed a value of the buffer. */
  private static long changes(SharedAccesses s) {
    Map<String, Long> c = s.counts();
    return c.getOrDefault("STORE", 0L)
        + c.getOrDefault("ADD", 0L)
        + c.getOrDefault("COMPARE_EXCHANGE", 0L)
        + c.getOrDefault("SET", 0L);
  }

  /** The first value printed for each round. */
  private static Map<Integer, Long> values(Run run, Pattern p) {
    Map<Integer, Long> out = new java.util.TreeMap<>();
    Matcher m = p.matcher(run.stdout());
    while (m.find()) {
      out.putIfAbsent(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }
    return out;
  }

  /** A thread's accesses in the learner's words: "plain get 1000000, plain set 1000000". */
  private static String counts(Map<String, Long> c) {
    List<String> parts = new ArrayList<>();
    c.forEach(
        (k, v) -> {
          String what =
              switch (k) {
                case "GET" -> "plain get";
                case "SET" -> "plain set";
                case "LOAD" -> "Atomics.load";
                case "STORE" -> "Atomics.store";
                case "ADD" -> "Atomics.add";
                case "COMPARE_EXCHANGE" -> "Atomics.compareExchange";
                case "WAIT" -> "Atomics.wait";
                case "NOTIFY" -> "Atomics.notify";
                default -> null; // the probe's own tallies (BARE_NOTIFY)
              };
          if (what != null) parts.add(what + " " + v);
        });
    return String.join(", ", parts);
  }

  private static String at(String site) {
    return site == null || site.isEmpty() ? "" : " at " + site;
  }
}
