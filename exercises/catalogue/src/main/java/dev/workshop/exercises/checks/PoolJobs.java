package dev.workshop.exercises.checks;

import dev.workshop.verifier.report.ProbeReport;
import java.util.List;

/** What the probe saw of the pool, in the learner's terms, shared by the exercises that use it. */
final class PoolJobs {
  private PoolJobs() {}

  /**
   * The finished pool jobs the learner's code queued: every job but the host's own (the hosts of
   * exercises 4, 5, 7 and 8 queue one before the loop runs, to start the pool's threads outside
   * any callback).
   */
  static List<ProbeReport.Job> learners(ProbeReport r) {
    return r.jobs().stream().filter(j -> !j.site().startsWith("Host.")).toList();
  }

  /**
   * Why no finished pool job of the learner's was seen, claiming no more than that: a job still
   * running when the run ended is not recorded, so "nothing ran" would not be known.
   */
  static String whyNone(ProbeReport r) {
    return "no job of yours was seen to finish on the pool";
  }
}
