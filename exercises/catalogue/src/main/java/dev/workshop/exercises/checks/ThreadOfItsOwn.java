package dev.workshop.exercises.checks;

import dev.workshop.probe.BlockKind;
import dev.workshop.probe.MessageFingerprint;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.WorkerEvidence;
import dev.workshop.verifier.report.WorkerEvidence.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A THREAD OF ITS OWN: primes counted in a {@code Worker}, with the tally posted back to main as
 * messages while main prints dots. Every fact stands on the probe's worker records ({@link
 * WorkerEvidence}): the worker and its thread, the CPU its own loop used, each message with its
 * sender, receiver, order and copy evidence, and the worker's exit.
 */
public final class ThreadOfItsOwn implements Verification {
  private static final Pattern PROGRESS = Pattern.compile("(\\d+) checked, (\\d+) primes");
  private static final Pattern RESULT = Pattern.compile("(\\d+) primes below (\\d+)");

  @Override
  public void judge(Judge judge) {
    long minCpuMs = judge.number("count.cpu.min.ms");
    long step = judge.number("progress.step");
    for (Run run : judge.runs()) {
      int limit = Integer.parseInt(run.args().get(0));
      judge.mainNeverBlocked(
          run,
          Map.of(
              BlockKind.COMPUTING,
              "count in a Worker, not on main, and never wait on main for it: start the worker,"
                  + " return from countPrimes, and let each tally come to onMessage"));
      judge.noThreadsOfItsOwn(
          run,
          "your code started no thread of its own",
          "start a Worker instead: new Worker(loop, PrimeWorker.class, limit) gives the counting a"
              + " thread and a loop of its own, and a way to talk back to main");
      Optional<WorkerEvidence.Worker> worker = countedOnAWorker(judge, run, minCpuMs);
      List<long[]> reported = reported(run);
      int[] primes = primesBelow(limit);
      messagesInOrder(judge, run, worker, reported, step);
      copied(judge, run, worker);
      exact(judge, run, limit, reported, primes);
      dots(judge, run, worker);
      workerEnded(judge, run, worker);
      judge.endsOnItsOwn(run);
    }
  }

  /** One worker, and the counting's CPU time on its thread: not main's, not the pool's. */
  private static Optional<WorkerEvidence.Worker> countedOnAWorker(
      Judge judge, Run run, long minCpuMs) {
    String fact = "the counting ran on a worker's thread, not on main nor on the pool";
    WorkerEvidence w = run.workers();
    List<ProbeReport.Job> pool =
        PoolJobs.learners(run.report()).stream()
            .filter(j -> j.cpu() >= minCpuMs * 1_000_000L)
            .toList();
    if (w.workers().isEmpty()) {
      List<String> evidence = new ArrayList<>();
      if (!pool.isEmpty()) {
        ProbeReport.Job j = pool.get(0);
        evidence.add(
            "it ran on \""
                + j.thread()
                + "\", a pool thread, for "
                + ms(j.cpu())
                + " of CPU: the pool is for short jobs the loop hands out, and a long one"
                + " holds one of its 4 threads for the whole count");
        evidence.addAll(judge.source(j.site()));
      }
      evidence.add(
          "start a Worker in countPrimes: new Worker(loop, PrimeWorker.class, limit), and count"
              + " in PrimeWorker.main(WorkerContext)");
      judge.fail(run, fact, Diagnosis.NO_WORKER, "your code started no Worker", evidence);
      return Optional.empty();
    }
    WorkerEvidence.Worker first = w.workers().get(0);
    long cpu = w.callbacksOn(first.thread()).stream().mapToLong(c -> Math.max(0, c.cpu())).sum();
    if (!pool.isEmpty()) {
      ProbeReport.Job j = pool.get(0);
      List<String> evidence = new ArrayList<>();
      evidence.add("a pool job of yours ran " + ms(j.cpu()) + " of CPU on \"" + j.thread() + "\"");
      evidence.addAll(judge.source(j.site()));
      evidence.add("count in the worker itself, in PrimeWorker.main(WorkerContext)");
      judge.fail(
          run,
          fact,
          Diagnosis.NO_WORKER,
          "the counting ran on the pool, not on " + first.thread(),
          evidence);
      return Optional.of(first);
    }
    if (cpu < minCpuMs * 1_000_000L) {
      judge.fail(
          run,
          fact,
          Diagnosis.NO_WORKER,
          first.thread()
              + " ran only "
              + ms(cpu)
              + " of CPU: the counting (a few hundred ms) ran somewhere else",
          List.of(
              "the worker was started" + at(first.site()),
              "count in PrimeWorker.main(WorkerContext), which runs on the worker's thread"));
      return Optional.of(first);
    }
    judge.pass(run, fact);
    judge.info(
        run.label() + ": " + first.thread() + " counted: " + ms(cpu) + " of CPU on its own thread");
    return Optional.of(first);
  }

  /**
   * Every tally the host printed came from one message of the worker's, received on main in the
   * order it was posted, holding exactly that tally (its content hash as posted).
   */
  private static void messagesInOrder(
      Judge judge,
      Run run,
      Optional<WorkerEvidence.Worker> worker,
      List<long[]> reported,
      long step) {
    String fact = "each tally came to main as a message from the worker, in order";
    if (worker.isEmpty()) {
      judge.fail(run, fact, Diagnosis.WRONG_RESULT, "no worker, so no message from one");
      return;
    }
    String thread = worker.get().thread();
    List<Message> got =
        run.workers().receivedOn(worker.get().parent()).stream()
            .filter(m -> m.from().equals(thread))
            .toList();
    if (reported.isEmpty()) {
      judge.fail(run, fact, Diagnosis.WRONG_RESULT, "main reported no tally at all");
      return;
    }
    for (int i = 1; i < got.size(); i++) {
      if (got.get(i).id() < got.get(i - 1).id()) {
        judge.fail(
            run, fact, Diagnosis.WRONG_RESULT, "main got the worker's messages out of order");
        return;
      }
    }
    for (int i = 0; i < reported.size(); i++) {
      long[] t = reported.get(i);
      String tally = t[0] + " checked, " + t[1] + " primes";
      if (i >= got.size()) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "main reported \""
                + tally
                + "\", but only "
                + Words.count(got.size(), "message")
                + " from "
                + thread
                + " reached it",
            List.of(
                "each tally must travel as a message: worker.postMessage(tally) on the worker,"
                    + " and worker.onMessage(...) on main hands it to tally.update"));
        return;
      }
      Message m = got.get(i);
      if (m.postedHash() == null || m.postedHash() != MessageFingerprint.of(t)) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "main reported \"" + tally + "\", which is not what message " + (i + 1) + " held",
            List.of(
                "the worker posted a " + typeName(m.type()) + at(m.site()),
                "post the tally itself, a long[] {checked, found}, and report what arrives: a"
                    + " value read from memory the threads share is not a message"));
        return;
      }
    }
    for (long[] t : reported.subList(0, reported.size() - 1)) {
      if (t[0] % step != 0) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "a progress tally had checked " + t[0] + ", not a multiple of " + step,
            List.of("post the tally every " + step + " numbers, and once at the end"));
        return;
      }
    }
    long steps = reported.size() - 1; // the last one is the result;
    judge.pass(run, fact);
    judge.info(
        run.label()
            + ": "
            + Words.count(got.size(), "message")
            + " from "
            + thread
            + " reached main in order ("
            + Words.count(steps, "progress tally", "progress tallies")
            + " and the result)");
  }

  /** The worker changed an array it had posted, and main's copy still held what was posted. */
  private static void copied(Judge judge, Run run, Optional<WorkerEvidence.Worker> worker) {
    String fact = "changing a tally after postMessage changed nothing for main";
    if (worker.isEmpty()) {
      judge.fail(run, fact, Diagnosis.WRONG_RESULT, "no worker, so no message from one");
      return;
    }
    String thread = worker.get().thread();
    List<Message> got =
        run.workers().messages().stream()
            .filter(m -> m.from().equals(thread) && m.received())
            .toList();
    Optional<Message> shared =
        got.stream().filter(m -> !m.copied() || !m.receiverGotWhatWasPosted()).findFirst();
    if (shared.isPresent()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "main's copy of a message was not what the worker posted" + at(shared.get().site()),
          List.of());
      return;
    }
    long changed = got.stream().filter(Message::senderChangedItAfterPosting).count();
    long seenChanged = got.stream().filter(Message::changedBeforeReceived).count();
    if (changed == 0) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the worker never changed a tally it had posted, so there was nothing to see",
          List.of(
              "keep one long[] tally, post it, and go on counting into the same array (the"
                  + " lesson's Task): that is how you see that postMessage copies"));
      return;
    }
    judge.pass(run, fact);
    judge.info(
        run.label()
            + ": the worker changed "
            + Words.count(changed, "posted tally", "posted tallies")
            + " afterwards"
            + (seenChanged > 0 ? " (" + seenChanged + " before main got its copy)" : "")
            + "; main's copies held what was posted");
  }

  /** The progress tallies and the result are the exact prime counts. */
  private static void exact(Judge judge, Run run, int limit, List<long[]> reported, int[] primes) {
    String fact = "the count is exact: " + primes[limit] + " primes below " + limit;
    Matcher m = RESULT.matcher(run.stdout());
    if (!m.find()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "no result was printed: main never got a tally with checked == " + limit);
      return;
    }
    long found = Long.parseLong(m.group(1));
    if (found != primes[limit]) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the result was " + found + " primes below " + limit + ", not " + primes[limit]);
      return;
    }
    for (long[] t : reported) {
      if (t[0] > limit || t[1] != primes[(int) t[0]]) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "a tally said "
                + t[1]
                + " primes among the first "
                + t[0]
                + " numbers; there are "
                + (t[0] > limit ? "none past the limit" : String.valueOf(primes[(int) t[0]])));
        return;
      }
    }
    judge.pass(run, fact);
  }

  /**
   * Main was back in its loop while the worker counted: an interval callback (a dot) began on main
   * after the worker started and before it posted its result. A main held in the learner's code
   * until the worker is done (spinning on a flag) can only get back to its loop after the last
   * post, on any machine, busy or idle: judged on those events, never on how long the hold took.
   */
  private static void dots(Judge judge, Run run, Optional<WorkerEvidence.Worker> worker) {
    String fact = "main kept printing dots while the worker counted";
    Optional<Message> result =
        worker.flatMap(
            w ->
                run.workers().messages().stream()
                    .filter(m -> m.from().equals(w.thread()) && !m.toWorker())
                    .reduce((a, b) -> b));
    if (worker.isEmpty() || result.isEmpty()) {
      // No worker, or nothing posted: said by the checks above; the dots as printed.
      String out = run.stdout();
      Matcher m = RESULT.matcher(out);
      int end = m.find() ? m.start() : out.length();
      long dots = out.substring(0, end).chars().filter(c -> c == '.').count();
      judge.check(
          run,
          fact,
          dots > 0,
          Diagnosis.WRONG_OUTPUT,
          "no dot came before the result: main was not free to print one");
      return;
    }
    WorkerEvidence.Worker w = worker.get();
    long from = w.startedAt();
    long to = result.get().postedAt();
    long dots =
        run.report().callbacks().stream()
            .filter(c -> c.kind() == CallbackKind.INTERVAL)
            .filter(c -> c.start() >= from && c.start() <= to)
            .count();
    if (dots > 0) {
      judge.pass(run, fact);
      judge.info(
          run.label()
              + ": "
              + Words.count(dots, "dot")
              + " while "
              + w.thread()
              + " counted ("
              + ms(to - from)
              + ")");
      return;
    }
    MainHold hold = MainHold.of(run, w);
    if (hold.free()) {
      // Main had nothing of the learner's to run: it was slow to reach its loop (class loading, a
      // lambda's first linkage on a busy machine) while the worker raced through the count.
      judge.pass(run, fact);
      judge.info(
          run.label()
              + ": "
              + w.thread()
              + " was done before main's loop ran a dot; main used "
              + ms(hold.mainCpu())
              + " of CPU meanwhile, the worker "
              + ms(hold.workerCpu()));
      return;
    }
    hold.fail(judge, run, fact, w, to);
  }

  /** The worker's thread ended, with exit code 0 and nothing thrown. */
  private static void workerEnded(Judge judge, Run run, Optional<WorkerEvidence.Worker> worker) {
    if (worker.isEmpty()) return; // said above
    WorkerEvidence.Worker w = worker.get();
    String fact = "the worker ended once it was done";
    if (!w.ended()) {
      judge.fail(
          run,
          fact,
          Diagnosis.KEPT_ALIVE,
          w.thread() + " was still running when the run was stopped, and kept the program alive",
          List.of(
              "its loop still had something to wait for (an onMessage handler, a timer)",
              "a worker ends when its loop runs out of work: let PrimeWorker.main return with"
                  + " nothing left, or call worker.terminate() on main once the result came"));
      return;
    }
    if (!w.error().isEmpty()) {
      List<String> evidence = new ArrayList<>();
      evidence.add(w.error() + (w.errorMessage().isEmpty() ? "" : ": " + w.errorMessage()));
      evidence.addAll(judge.source(w.errorFrame()));
      judge.fail(
          run, fact, Diagnosis.EXCEPTION, w.thread() + " threw" + at(w.errorFrame()), evidence);
      return;
    }
    judge.check(
        run,
        fact,
        w.exitCode() == 0,
        Diagnosis.EXIT_CODE,
        w.thread() + " ended with exit code " + w.exitCode());
  }

  /** The tallies the host printed, in order: {checked, found}; the result as {limit, found}. */
  static List<long[]> reported(Run run) {
    List<long[]> out = new ArrayList<>();
    for (String line : run.stdout().split("\n")) {
      Matcher p = PROGRESS.matcher(line);
      while (p.find()) out.add(new long[] {Long.parseLong(p.group(1)), Long.parseLong(p.group(2))});
      Matcher r = RESULT.matcher(line);
      if (r.find()) out.add(new long[] {Long.parseLong(r.group(2)), Long.parseLong(r.group(1))});
    }
    return out;
  }

  /** {@code primes[n]}: how many primes are below n, for n up to {@code limit}. */
  static int[] primesBelow(int limit) {
    boolean[] composite = new boolean[limit + 1];
    int[] below = new int[limit + 1];
    int count = 0;
    for (int n = 0; n <= limit; n++) {
      below[n] = count;
      if (n >= 2 && !composite[n]) {
        count++;
        for (long k = (long) n * n; k <= limit; k += n) composite[(int) k] = true;
      }
    }
    return below;
  }

  private static String typeName(String type) {
    return switch (type) {
      case "[J" -> "long[]";
      case "[I" -> "int[]";
      default -> type.startsWith("java.lang.") ? type.substring(10) : type;
    };
  }

  private static String at(String site) {
    return site == null || site.isEmpty() ? "" : " at " + site;
  }

  private static String ms(long ns) {
    return Math.round(ns / 1e6) + " ms";
  }
}
