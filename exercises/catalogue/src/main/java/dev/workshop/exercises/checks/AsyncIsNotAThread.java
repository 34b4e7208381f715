package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.report.ProbeReport;
import java.util.List;

/**
 * ASYNC IS NOT A THREAD: a method that returns a CompletableFuture must count on the pool and
 * complete its future back on main, so that the host's continuation can touch loop-owned state.
 */
public final class AsyncIsNotAThread implements Verification {

  @Override
  public void judge(Judge judge) {
    Run run = judge.runs().get(0);
    String resultLine = judge.spec().property("result.line").orElseThrow();
    long dotsMin = judge.number("dots.min", 1);

    judge.mainNeverBlocked(run);
    judge.noConfinementViolations(run);
    judge.onlyPoolThreads(run);

    List<ProbeReport.Job> jobs = run.report().jobs();
    judge.check(run.label() + ": the count ran on a pool thread", jobs.stream().anyMatch(j -> j.thread().startsWith("pool-")),
        Diagnosis.WRONG_RESULT, "nothing ran on the pool: hand the count to loop.queueWork");

    String out = run.stdout();
    String name = run.label() + ": the output is Counting, dots, Done!, then \"" + resultLine + "\"";
    String result = run.after("primes below").orElse(null);
    if (result != null && !("primes below " + result).equals(resultLine)) {
      judge.fail(name, Diagnosis.WRONG_RESULT, "the result is wrong: \"primes below " + result + "\"",
          List.of("expected \"" + resultLine + "\""));
    } else {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Counting(\\.*)Done!\\R" + java.util.regex.Pattern.quote(resultLine)
          + "\\Rdots while counting: \\d+\\R?$").matcher(out);
      if (!m.find()) {
        judge.fail(name, Diagnosis.WRONG_OUTPUT, "the output is not Counting, dots, Done!, then the result",
            List.of("it was: " + OffloadingTheWork.abbreviate(out.strip())));
      } else {
        int dots = m.group(1).length();
        judge.check(name, dots >= dotsMin, Diagnosis.WRONG_OUTPUT, "no dot was printed while counting: the loop thread was not free");
      }
    }
    judge.endsOnItsOwn(run);
  }
}
