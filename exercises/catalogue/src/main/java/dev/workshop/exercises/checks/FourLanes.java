package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.report.ProbeReport;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * FOUR LANES: {@code java Host sleep}, then {@code java Host cpu}. Waiting jobs must all wait at
 * once and the batch end within a bound; computing jobs must run about one per core, judged by the
 * most pool jobs the probe saw running at the same moment.
 */
public final class FourLanes implements Verification {
  private static final Pattern POOL_THREAD = Pattern.compile("pool-\\d+");

  @Override
  public void judge(Judge judge) {
    long jobs = judge.number("jobs", 16);
    long sleepBatchMax = judge.number("sleep.batch.max.ms", 400);
    long perCore = judge.number("cpu.max.per.core", 2);
    for (Run run : judge.runs()) {
      String kind = run.args().isEmpty() ? "" : run.args().get(0);
      boolean ended = judge.endsOnItsOwn(run);
      if (!ended && run.report().jobs().isEmpty()) {
        // It never got to the batch (ThreadPool.setSize threw, say): nothing more to measure.
        judge.info(run.label() + ": no job ran, so there is nothing to measure");
        continue;
      }
      judge.onlyPoolThreads(run);
      everyJobOnThePool(judge, run, jobs);
      if (kind.equals("sleep")) {
        sleep(judge, run, jobs, sleepBatchMax);
      } else if (kind.equals("cpu")) {
        cpu(judge, run, jobs, perCore);
      }
      figures(judge, run);
    }
  }

  private static void everyJobOnThePool(Judge judge, Run run, long jobs) {
    String name = run.label() + ": all " + jobs + " jobs ran on pool threads";
    List<ProbeReport.Job> all = run.report().jobs();
    Optional<ProbeReport.Job> off = all.stream().filter(j -> !POOL_THREAD.matcher(j.thread()).matches()).findFirst();
    if (off.isPresent()) {
      judge.fail(name, Diagnosis.RAW_THREAD, "a job ran on \"" + off.get().thread() + "\"", List.of());
      return;
    }
    judge.check(name, all.size() == jobs, Diagnosis.WRONG_RESULT, all.size() + " of the " + jobs + " jobs ran");
  }

  private static void sleep(Judge judge, Run run, long jobs, long maxMs) {
    ProbeReport r = run.report();
    int most = r.mostJobsAtOnce();
    String lanes = r.poolSize() > 0 ? "the pool had " + r.poolSize() + " thread" + (r.poolSize() == 1 ? "" : "s") : "";
    judge.check(run.label() + ": all " + jobs + " waiting jobs were running at the same moment", most >= jobs,
        Diagnosis.WRONG_RESULT, "at most " + most + " of the " + jobs + " jobs were running at once",
        lines(lanes, "a waiting job uses no core: give each job its own lane, so that they all wait together"));
    String name = run.label() + ": the batch took at most " + maxMs + " ms";
    Optional<Long> batch = run.number("batch took:");
    if (batch.isEmpty()) {
      judge.fail(name, Diagnosis.WRONG_OUTPUT, "the host never printed \"batch took:\"", List.of());
      return;
    }
    long rounds = r.poolSize() > 0 ? (jobs + r.poolSize() - 1) / r.poolSize() : 0;
    judge.check(name, batch.get() <= maxMs, Diagnosis.WRONG_RESULT, "the batch took " + batch.get() + " ms",
        lines(rounds > 1 ? lanes + ", so the " + jobs + " jobs of 200 ms waited in " + rounds + " rounds" : lanes));
  }

  private static void cpu(Judge judge, Run run, long jobs, long perCore) {
    ProbeReport r = run.report();
    int cores = r.cores();
    int most = r.mostJobsAtOnce();
    long low = Math.min(cores, jobs);
    long high = perCore * cores;
    String name = run.label() + ": from " + low + " to " + high + " computing jobs ran at once (" + cores + " core"
        + (cores == 1 ? "" : "s") + ")";
    String lanes = r.poolSize() > 0 ? "the pool had " + r.poolSize() + " thread" + (r.poolSize() == 1 ? "" : "s") : "";
    if (most < low) {
      judge.fail(name, Diagnosis.WRONG_RESULT, "at most " + most + " job" + (most == 1 ? "" : "s") + " ran at once: "
          + (cores - most) + " of the " + cores + " cores had no job", List.of(lines(lanes,
              "a computing job needs a core: open a lane for each core")));
      return;
    }
    judge.check(name, most <= high, Diagnosis.WRONG_RESULT, most + " jobs ran at once on " + cores + " core"
        + (cores == 1 ? "" : "s") + ": they only took turns, and every result came later",
        lines(lanes, "more computing threads than cores make no core faster: match the lanes to the cores"));
  }

  /** Evidence lines without the empty ones. */
  private static String[] lines(String... lines) {
    return java.util.Arrays.stream(lines).filter(l -> !l.isEmpty()).toArray(String[]::new);
  }

  private static void figures(Judge judge, Run run) {
    ProbeReport r = run.report();
    StringBuilder b = new StringBuilder(run.label() + ": pool size " + r.poolSize() + ", most at once " + r.mostJobsAtOnce());
    run.number("first result after:").ifPresent(ms -> b.append(", first result after ").append(ms).append(" ms"));
    run.number("batch took:").ifPresent(ms -> b.append(", batch took ").append(ms).append(" ms"));
    judge.info(b.toString());
  }
}
