package dev.workshop.exercises.checks;

import dev.workshop.probe.BlockKind;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.WorkerEvidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What held main between starting a worker in its main script and going back to its loop (A THREAD
 * OF ITS OWN): main's own CPU time in between (the probe's {@code wback} record), the solution's
 * timed blocking calls in the main script, and a busy wait there. A main that went straight back
 * to its loop used a few ms of CPU, however long a busy machine made it take; a main that spun
 * until the worker was done was on a CPU as much as the worker, since both were ready to run the
 * whole time. So the comparison holds on a fast machine and a slow one, idle or busy.
 *
 * @param back when main's loop started, and main's CPU since the worker's start; null when main
 *     never got back to its loop
 * @param mainCpu main's CPU time from the worker's start to its loop's start, ns; -1 unknown
 * @param waited the solution's own blocking calls in the main script (sleep, join...), ns
 * @param workerCpu the CPU time of the worker's thread, ns
 * @param spin the main script's busy wait (dense polls of the clock or {@code onSpinWait}), if any
 */
record MainHold(
    WorkerEvidence.BackToTheLoop back,
    long mainCpu,
    long waited,
    Optional<ProbeReport.Wait> longestWait,
    long workerCpu,
    Optional<ProbeReport.Spin> spin,
    String frame) {

  static MainHold of(Run run, WorkerEvidence.Worker w) {
    ProbeReport r = run.report();
    WorkerEvidence.BackToTheLoop back = run.workers().backToTheLoop(w.thread()).orElse(null);
    Optional<ProbeReport.Callback> script = r.mainScript();
    List<ProbeReport.Wait> waits = script.map(c -> r.waits(c.id())).orElse(List.of());
    Optional<ProbeReport.Spin> spin = script.flatMap(r::busyWait);
    long workerCpu =
        run.workers().callbacksOn(w.thread()).stream().mapToLong(c -> Math.max(0, c.cpu())).sum();
    String frame = spin.map(ProbeReport.Spin::site).orElse("");
    if (frame.isEmpty())
      frame =
          script
              .flatMap(c -> r.sampled(c.id()))
              .filter(s -> s.kind() == BlockKind.COMPUTING)
              .map(ProbeReport.Sampled::frame)
              .filter(f -> !f.isEmpty() && !f.startsWith("Host."))
              .orElse(w.site());
    return new MainHold(
        back,
        back == null ? -1 : back.cpu(),
        waits.stream().mapToLong(ProbeReport.Wait::ns).sum(),
        waits.stream().max(Comparator.comparingLong(ProbeReport.Wait::ns)),
        workerCpu,
        spin,
        frame);
  }

  /**
   * Whether main was demonstrably not held by the learner's code: it got back to its loop, with
   * less than half as much CPU time of its own as the worker's count took, no busy wait and no
   * blocking call that long. Without the evidence, never.
   */
  boolean free() {
    return back != null
        && mainCpu >= 0
        && workerCpu > 0
        && spin.isEmpty()
        && (mainCpu + waited) * 2 < workerCpu;
  }

  /**
   * Fails the check: main was held until the worker was done, at {@link #frame} (or at its
   * longest blocking call, when main waited more than it computed).
   *
   * @param resultPostedAt when the worker posted its result (report time, ns)
   */
  void fail(Judge judge, Run run, String fact, WorkerEvidence.Worker w, long resultPostedAt) {
    boolean blocked = waited > Math.max(0, mainCpu) && longestWait.isPresent();
    String where = blocked ? longestWait.get().site() : frame;
    Diagnosis diagnosis = blocked ? Diagnosis.of(longestWait.get().kind()) : Diagnosis.COMPUTING;
    List<String> evidence = new ArrayList<>();
    if (back == null) {
      evidence.add("main never went back to its loop after starting " + w.thread());
    } else {
      evidence.add(
          "main went back to its loop "
              + ms(back.loopAt() - back.startedAt())
              + " after starting "
              + w.thread()
              + (back.loopAt() >= resultPostedAt ? ", after the worker had posted its result" : "")
              + "; it used "
              + (mainCpu < 0 ? "an unknown amount" : ms(mainCpu))
              + " of CPU meanwhile, the worker "
              + ms(workerCpu));
    }
    spin.ifPresent(
        s ->
            evidence.add(
                "a busy wait: "
                    + s.polls()
                    + " calls that poll (Thread.onSpinWait, the clock) in "
                    + ms(s.span())));
    evidence.addAll(judge.source(where));
    evidence.add(
        "return from countPrimes once the worker is started and onMessage is set: main goes back"
            + " to its loop, and each tally comes to onMessage by itself, the result last");
    judge.fail(
        run,
        fact,
        diagnosis,
        "main was held in "
            + where
            + " until "
            + w.thread()
            + " was done"
            + (blocked ? "" : " (computing on the CPU, a busy wait)")
            + ": no dot came while it counted",
        evidence);
  }

  private static String ms(long ns) {
    return Math.round(ns / 1e6) + " ms";
  }
}
