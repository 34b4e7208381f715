package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import java.util.List;
import java.util.Optional;

/**
 * ASYNC IS NOT A THREAD: a method that returns a CompletableFuture must count on the pool and
 * complete its future back on main, so that the host's continuation can touch loop-owned state.
 */
public final class AsyncIsNotAThread implements Verification {

  @Override
  public void judge(Judge judge) {
    Run run = judge.runs().get(0);
    String resultLine = judge.spec().setting("result.line");
    long dotsMin = judge.number("dots.min");

    judge.mainNeverBlocked(run);
    judge.noConfinementViolations(
        run,
        "complete the future on main, in queueWork's after-work callback: the host's"
            + " continuation may run on whichever thread completes it");
    judge.noThreadsOfItsOwn(
        run,
        "your code ran on no thread of its own, nor on one that supplyAsync picked",
        "count inside loop.queueWork: its pool threads are the ones the loop knows about");

    // Exact evidence: the threads that ran Primes.count. A pool job that only hands back a known
    // answer does not count.
    String heavy = judge.spec().setting("heavy.frame");
    List<String> counted = run.report().threadsThatRan(heavy);
    String poolFact = heavy + " ran on a pool thread";
    if (counted.isEmpty()) {
      judge.fail(
          run,
          poolFact,
          Diagnosis.WRONG_RESULT,
          heavy + " never ran",
          List.of("the answer must come from " + heavy + ", counted inside loop.queueWork's work"));
    } else {
      boolean onPool =
          run.report().ran().stream()
              .anyMatch(r -> r.method().startsWith(heavy + "(") && r.role().equals("pool"));
      judge.check(
          run,
          poolFact,
          onPool,
          Diagnosis.WRONG_RESULT,
          heavy + " ran only on " + String.join(", ", counted),
          "hand the count to loop.queueWork");
    }

    continuationOnMain(judge, run);

    String out = run.stdout();
    String fact = "the output is Counting, dots, Done!, then \"" + resultLine + "\"";
    String result = run.after("primes below").orElse(null);
    if (result != null && !("primes below " + result).equals(resultLine)) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the result is wrong: \"primes below " + result + "\"",
          List.of("expected \"" + resultLine + "\""));
    } else {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "^Counting(\\.*)Done!\\R"
                      + java.util.regex.Pattern.quote(resultLine)
                      + "\\Rdots while counting: \\d+\\R?$")
              .matcher(out);
      if (!m.find()) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_OUTPUT,
            "the output is not Counting, dots, Done!, then the result",
            List.of("it was: " + Words.quoted(out.strip(), 72)));
      } else {
        int dots = m.group(1).length();
        judge.check(
            run,
            fact,
            dots >= dotsMin,
            Diagnosis.WRONG_OUTPUT,
            "no dot came between Counting and Done!",
            "a dot comes every 50 ms while main is free and the count is still running");
      }
    }
    judge.endsOnItsOwn(run);
  }

  /**
   * The host's continuation printed "Done!" on main, in a later callback than the one that called
   * countAsync. Both are guaranteed when the future is completed on main after countAsync
   * returned; a future completed elsewhere runs the continuation there, or (when it was complete
   * before the host hooked it on) at once, inside countAsync's caller.
   */
  private static void continuationOnMain(Judge judge, Run run) {
    String fact = "the host's continuation ran on main, after countAsync returned";
    Optional<Run.Printed> done = run.printed("Done!");
    Optional<Run.Printed> counting = run.printed("Counting");
    if (done.isEmpty()) {
      judge.fail(
          run,
          fact,
          Diagnosis.NO_CALLBACK,
          "the continuation never printed \"Done!\"",
          List.of(
              run.report().violations().isEmpty()
                  ? "complete the future in queueWork's after-work callback"
                  : "it ran off main, touched the loop's values and failed there"));
      return;
    }
    Run.Printed d = done.get();
    if (!d.thread().equals("main") || d.callback() == null) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "it ran on \"" + d.thread() + "\", not in a callback on main",
          List.of("complete the future in queueWork's after-work callback, which runs on main"));
      return;
    }
    if (counting.isPresent()
        && counting.get().callback() != null
        && counting.get().callback().id() == d.callback().id()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the future was already complete when countAsync returned, so the"
              + " continuation ran at once, inside the host's first callback",
          List.of(
              "return an empty future, and complete it later, on main, from queueWork's after-work callback"));
      return;
    }
    judge.pass(run, fact);
  }
}
