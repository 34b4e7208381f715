package dev.workshop.exercises.checks;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ONE LOOP, ONE THREAD: one run of {@code java Host}. The output must be the eleven lines of the
 * lesson in order, each line printed on main by the kind of callback the task names, main never
 * busy for long, and the program ended by the loop running out of work.
 */
public final class OneLoopOneThread implements Verification {
  /** What prints a line: the host itself, outside any callback, or a callback of this kind. */
  private enum Source {
    HOST(null, "the host, outside any callback"),
    TIMER(CallbackKind.TIMER, "a setTimeout callback"),
    INTERVAL(CallbackKind.INTERVAL, "the setInterval callback"),
    POST(CallbackKind.POST, "a posted callback");

    final CallbackKind kind;
    final String words;

    Source(CallbackKind kind, String words) {
      this.kind = kind;
      this.words = words;
    }
  }

  private record Expected(String line, Source source) {}

  private static final String LAST_LINE = "loop finished: nothing left to run";

  private static final List<Expected> EXPECTED =
      List.of(
          new Expected("scheduled on main", Source.HOST),
          new Expected("timeout 0 on main", Source.TIMER),
          new Expected("post on main", Source.POST),
          new Expected("tick 1 on main", Source.INTERVAL),
          new Expected("timeout 150 on main", Source.TIMER),
          new Expected("post from timeout 150 on main", Source.POST),
          new Expected("timeout 0 from timeout 150 on main", Source.TIMER),
          new Expected("tick 2 on main", Source.INTERVAL),
          new Expected("tick 3 on main", Source.INTERVAL),
          new Expected("timeout 500 on main", Source.TIMER),
          new Expected(LAST_LINE, Source.HOST));

  @Override
  public void judge(Judge judge) {
    for (Run run : judge.runs()) {
      neverBlocked(judge, run);
      lines(judge, run);
      List<Located> located = locate(run);
      onMain(judge, run);
      fromTheRightCallback(judge, run, located);
      if (judge.endsOnItsOwn(run)) {
        ranOutOfWork(judge, run);
      }
    }
  }

  /**
   * {@link Judge#mainNeverBlocked}, unless the only block is the callback that called System.exit:
   * the JVM shuts down inside that call (the probe's own shutdown work included), which is no
   * block of the loop's, and would hide the real diagnosis, exit-code, behind a "waiting" one.
   */
  private static void neverBlocked(Judge judge, Run run) {
    ProbeReport r = run.report();
    Optional<ProbeReport.Exit> exit = r.exit();
    List<ProbeReport.Block> blocks = r.blocks(judge.budgetMs() * 1_000_000L);
    boolean onlyExit =
        exit.isPresent()
            && !blocks.isEmpty()
            && blocks.stream()
                .allMatch(
                    b ->
                        b.callback().start() <= exit.get().at()
                            && (!b.callback().finished() || exit.get().at() <= b.callback().end()));
    if (onlyExit) {
      judge.info(
          run.label()
              + ": the callback that called System.exit is not judged for blocking: the JVM was"
              + " shutting down inside it");
      return;
    }
    judge.mainNeverBlocked(run);
  }

  // --- the output, line by line --------------------------------------------------------------

  private static void lines(Judge judge, Run run) {
    String fact = "the output is exactly the " + EXPECTED.size() + " lines of the lesson, in order";
    List<String> actual = run.lines();
    List<String> expected = EXPECTED.stream().map(Expected::line).toList();
    if (actual.equals(expected)) {
      judge.pass(run, fact);
      return;
    }
    List<String> evidence = new ArrayList<>();
    int first = 0;
    while (first < actual.size()
        && first < expected.size()
        && actual.get(first).equals(expected.get(first))) first++;
    if (first < expected.size() && first < actual.size()) {
      evidence.add(
          "line "
              + (first + 1)
              + " should be \""
              + expected.get(first)
              + "\", but it is \""
              + actual.get(first)
              + "\"");
    } else if (first < expected.size()) {
      evidence.add(
          "the output stops after line "
              + first
              + "; line "
              + (first + 1)
              + " should be \""
              + expected.get(first)
              + "\"");
    } else {
      evidence.add(
          "after the last line, \""
              + actual.get(first)
              + "\" was printed"
              + (actual.size() - first > 1
                  ? " and " + Words.count(actual.size() - first - 1, "more line", "more lines")
                  : ""));
    }
    for (String e : expected) {
      if (!actual.contains(e)) evidence.add("missing: \"" + e + "\"");
    }
    for (String a : actual.stream().distinct().toList()) {
      if (!expected.contains(a)) {
        long times = actual.stream().filter(a::equals).count();
        evidence.add(
            "not expected: \""
                + Words.abbreviate(a, 60)
                + "\""
                + (times > 1 ? " (" + times + " times)" : ""));
      }
    }
    if (actual.contains("too late on main")) {
      evidence.add(
          "\"too late\" ran: unref() the 1000 ms timer, so that it does not keep the loop alive by itself");
    }
    if (actual.contains("tick 4 on main")) {
      evidence.add(
          "the interval went on after tick 3: cancel it from its own callback at the third tick");
    }
    List<String> shown = evidence.size() > 12 ? new ArrayList<>(evidence.subList(0, 12)) : evidence;
    if (evidence.size() > 12) shown.add("and " + (evidence.size() - 12) + " more differences");
    judge.fail(
        run, fact, Diagnosis.WRONG_OUTPUT, "the output differs from the expected lines", shown);
  }

  // --- who printed each line -------------------------------------------------------------------

  /** An expected line found in the output, with where it was printed from (empty if unknown). */
  private record Located(Expected expected, Optional<Run.Printed> printed) {}

  /** Finds each expected line, as a whole line, in the output. */
  private static List<Located> locate(Run run) {
    List<Located> found = new ArrayList<>();
    for (Expected e : EXPECTED) {
      if (run.lines().contains(e.line())) found.add(new Located(e, run.printedLine(e.line())));
    }
    return found;
  }

  /** Every output line, whoever printed it, was printed on main. */
  private static void onMain(Judge judge, Run run) {
    String fact = "every line was printed on main";
    String out = run.stdout();
    int at = 0;
    for (String line : run.lines()) {
      int start = out.indexOf(line, at);
      if (start < 0) break;
      at = start + line.length();
      if (line.isEmpty()) continue;
      Optional<Run.Printed> p = run.printed(line, start);
      if (p.isPresent() && !p.get().thread().equals("main")) {
        judge.fail(
            run,
            fact,
            Diagnosis.RAW_THREAD,
            "\""
                + Words.abbreviate(line, 60)
                + "\" was printed on thread \""
                + p.get().thread()
                + "\", not on main",
            List.of(
                "a new Thread is not a timer: loop.setTimeout runs its callback on the loop thread, main",
                "every callback of the loop runs on main, one after another"));
        return;
      }
    }
    judge.pass(run, fact);
  }

  private static void fromTheRightCallback(Judge judge, Run run, List<Located> located) {
    String fact = "each line came from the kind of callback the task names";
    for (Located l : located) {
      Expected e = l.expected();
      if (l.printed().isEmpty()) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_OUTPUT,
            "could not tell which callback printed \"" + e.line() + "\"",
            List.of());
        return;
      }
      Run.Printed p = l.printed().get();
      if (!p.thread().equals("main")) continue; // onMain says so
      ProbeReport.Callback c = p.callback();
      CallbackKind kind = c == null ? null : c.kind();
      boolean ok = e.source() == Source.HOST ? c == null : e.source().kind == kind;
      if (!ok) {
        String what = e.line().replace(" on main", "");
        List<String> evidence = new ArrayList<>();
        if (c != null && !c.site().isEmpty())
          evidence.add("that callback was scheduled at " + c.site());
        if (e.source() == Source.TIMER) {
          evidence.add(
              "schedule it with loop.setTimeout: a timer fires in the timers phase, a post does not wait for time");
        } else if (e.source() == Source.POST) {
          evidence.add("schedule it with loop.post");
        } else if (e.source() == Source.INTERVAL) {
          evidence.add("log the ticks from one loop.setInterval(100, ...) callback");
        }
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "\""
                + what
                + "\" should come from "
                + e.source().words
                + ", but it came from "
                + words(c),
            evidence);
        return;
      }
    }
    judge.pass(run, fact);
  }

  private static String words(ProbeReport.Callback c) {
    if (c == null) return "no callback (it ran outside the loop)";
    for (Source s : Source.values()) {
      if (s.kind != null && s.kind == c.kind()) return s.words;
    }
    return c.mainScript() ? "main, before the loop ran" : Words.callback(c.kind());
  }

  // --- the end -----------------------------------------------------------------------------------

  private static void ranOutOfWork(Judge judge, Run run) {
    String fact = "the loop ran out of work and the host printed its last line";
    boolean ended = run.report().loopEnded();
    boolean printed = run.lines().contains(LAST_LINE);
    judge.check(
        run,
        fact,
        ended && printed,
        Diagnosis.EXIT_CODE,
        !ended
            ? "loop.run() never returned"
            : "the host's last line, \"" + LAST_LINE + "\", was not printed");
  }
}
