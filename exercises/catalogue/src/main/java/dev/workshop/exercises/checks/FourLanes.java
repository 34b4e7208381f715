package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * FOUR LANES: {@code java Host sleep}, then {@code java Host cpu}, each with a batch of four jobs
 * per core (at most 1024, {@code ThreadPool.MAX_SIZE}) for the core count the child JVM sees (the verifier tells it 4, see
 * {@code Verifier.CHILD_PROCESSORS}). Nothing here is judged by the clock: waiting jobs must all
 * have been running at the same moment, and computing jobs about one per core, both judged by the
 * most pool jobs the probe saw running at once ({@link ProbeReport#mostJobsAtOnce()}), which a busy
 * machine does not change. The batch times are shown as information.
 */
public final class FourLanes implements Verification {
  private static final Pattern POOL_THREAD = Pattern.compile("pool-\\d+");

  @Override
  public void judge(Judge judge) {
    long jobsPerCore = judge.number("jobs.per.core");
    long perCore = judge.number("cpu.max.per.core");
    long jobsMax = judge.number("jobs.max");
    for (Run run : judge.runs()) {
      String kind = run.args().isEmpty() ? "" : run.args().get(0);
      int cores = run.report().cores();
      long jobs = Math.min(jobsPerCore * Math.max(1, cores), jobsMax);
      boolean ended = judge.endsOnItsOwn(run);
      if (!ended && run.report().jobs().isEmpty()) {
        // It never got to the batch (ThreadPool.setSize threw, say): nothing more to measure.
        judge.info(run.label() + ": no job ran, so there is nothing to measure");
        continue;
      }
      judge.noThreadsOfItsOwn(
          run,
          "your code ran on no thread of its own",
          "let the pool run the jobs: Lanes only picks its size");
      everyJobOnThePool(judge, run, jobs);
      if (kind.equals("sleep")) {
        sleep(judge, run, jobs);
      } else if (kind.equals("cpu")) {
        cpu(judge, run, jobs, perCore);
      }
      figures(judge, run);
    }
  }

  private static void everyJobOnThePool(Judge judge, Run run, long jobs) {
    String fact = "all " + jobs + " jobs ran on pool threads";
    List<ProbeReport.Job> all = run.report().jobs();
    Optional<ProbeReport.Job> off =
        all.stream().filter(j -> !POOL_THREAD.matcher(j.thread()).matches()).findFirst();
    if (off.isPresent()) {
      judge.fail(
          run,
          fact,
          Diagnosis.RAW_THREAD,
          "a job ran on \"" + off.get().thread() + "\"",
          List.of());
      return;
    }
    judge.check(
        run,
        fact,
        all.size() == jobs,
        Diagnosis.WRONG_RESULT,
        all.size() + " of the " + jobs + " jobs ran");
  }

  /** Every waiting job was running at one moment: one round, whatever the clock says. */
  private static void sleep(Judge judge, Run run, long jobs) {
    ProbeReport r = run.report();
    int most = r.mostJobsAtOnce();
    String lanes = r.poolSize() > 0 ? "the pool had " + Words.count(r.poolSize(), "thread") : "";
    long rounds = r.poolSize() > 0 ? (jobs + r.poolSize() - 1) / r.poolSize() : 0;
    judge.check(
        run,
        "all " + jobs + " waiting jobs were running at the same moment, in one round",
        most >= jobs,
        Diagnosis.WRONG_RESULT,
        "at most " + most + " of the " + jobs + " jobs were running at once",
        lines(
            rounds > 1
                ? lanes + ", so the " + jobs + " jobs of 200 ms waited in " + rounds + " rounds"
                : lanes,
            "a waiting job uses no core: give each job its own lane, so that they all wait together"));
  }

  private static void cpu(Judge judge, Run run, long jobs, long perCore) {
    ProbeReport r = run.report();
    int cores = r.cores();
    int most = r.mostJobsAtOnce();
    long low = Math.min(cores, jobs);
    long high = Math.min(perCore * cores, jobs - 1);
    String fact =
        "from "
            + low
            + " to "
            + high
            + " computing jobs ran at once ("
            + Words.count(cores, "core")
            + ")";
    String lanes = r.poolSize() > 0 ? "the pool had " + Words.count(r.poolSize(), "thread") : "";
    if (most < low) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "at most "
              + Words.count(most, "job")
              + " ran at once: "
              + (cores - most)
              + " of the "
              + Words.count(cores, "core")
              + " had no job",
          List.of(lines(lanes, "a computing job needs a core: open a lane for each core")));
      return;
    }
    judge.check(
        run,
        fact,
        most <= high,
        Diagnosis.WRONG_RESULT,
        Words.count(most, "job")
            + " ran at once on "
            + Words.count(cores, "core")
            + ": they only took turns, and every result came later",
        lines(
            lanes,
            "more computing threads than cores make no core faster: match the lanes to the cores"));
  }

  /** Evidence lines without the empty ones. */
  private static String[] lines(String... lines) {
    return java.util.Arrays.stream(lines).filter(l -> !l.isEmpty()).toArray(String[]::new);
  }

  private static void figures(Judge judge, Run run) {
    ProbeReport r = run.report();
    StringBuilder b =
        new StringBuilder(
            run.label()
                + ": "
                + Words.count(r.cores(), "core")
                + ", pool size "
                + r.poolSize()
                + ", most at once "
                + r.mostJobsAtOnce());
    run.number("first result after:")
        .ifPresent(ms -> b.append(", first result after ").append(ms).append(" ms"));
    run.number("batch took:")
        .ifPresent(
            ms ->
                b.append(", batch took ")
                    .append(ms)
                    .append(" ms (not judged: a busy")
                    .append(" machine stretches it)"));
    judge.info(b.toString());
  }
}
