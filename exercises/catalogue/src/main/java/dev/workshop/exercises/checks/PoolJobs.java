package dev.workshop.exercises.checks;

import dev.workshop.verifier.report.ProbeReport;

/** Words for what the probe saw of the pool, shared by the exercises that use it. */
final class PoolJobs {
  private PoolJobs() {}

  /**
   * Why no finished pool job was seen, in the learner's terms: the pool never started, or a job
   * started and never finished (it still ran when the run ended; only finished jobs are recorded
   * with their thread and times).
   */
  static String whyNone(ProbeReport r) {
    if (r.mostJobsAtOnce() > 0) {
      return "a pool job started but had not finished when the run ended";
    }
    if (r.poolSize() > 0) {
      return "the pool started, but no job on it was seen to finish";
    }
    return "nothing ran on the pool";
  }
}
