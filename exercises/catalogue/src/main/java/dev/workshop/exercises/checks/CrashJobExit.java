package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.report.ProbeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PROCESS OF ITS OWN's last check, "ended by itself": {@link Judge#endsOnItsOwn}, except when
 * the program was ended by the crash job's own {@code System.exit}. {@code Host.countPrimes(CRASH)}
 * exits on purpose, in whatever process runs it; when that process was the program itself, the
 * advice is not to let main return (the learner's code never called {@code System.exit}) but to
 * run the job in a child and report the child's exit code.
 */
final class CrashJobExit {
  private CrashJobExit() {}

  /**
   * Records whether {@code run} ended by itself with exit code 0; a run that the crash job's
   * {@code System.exit(crashCode)} ended is told so, with the learner's line that ran the job.
   *
   * @return whether it ended by itself
   */
  static boolean endsOnItsOwn(Judge judge, Run run, int crashCode) {
    ProbeReport r = run.report();
    Optional<ProbeReport.Exit> exit = r.exit();
    if (run.timedOut() || exit.isEmpty() || run.exitCode() != crashCode || !ranTheCrashJob(run)) {
      return judge.endsOnItsOwn(run);
    }
    ProbeReport.Exit e = exit.get();
    List<String> evidence = new ArrayList<>();
    evidence.add(
        "Host.countPrimes(Host.CRASH) calls System.exit("
            + crashCode
            + ") on purpose, as a program with a bug would; here it ran on \""
            + e.thread()
            + "\" of the program's own process"
            + (e.frame().isEmpty() ? "" : ", called from " + e.frame()));
    evidence.addAll(judge.source(e.frame()));
    evidence.add(
        "leave that exit as it is: run the job in a child of its own (loop.fork(\"Cruncher\")),"
            + " where the crash ends only the child, and report its exit code from"
            + " child.onExit(code -> reply.crashed(code))");
    judge.fail(
        run.label() + " ended by itself, with exit code 0",
        Diagnosis.EXIT_CODE,
        "the crash job's System.exit(" + crashCode + ") ended the program itself",
        evidence);
    return false;
  }

  /** Whether the program itself printed the crash job's line: the job ran in its process. */
  private static boolean ranTheCrashJob(Run run) {
    return run.lines().stream().anyMatch(l -> l.startsWith("crash job: exiting with code"));
  }
}
