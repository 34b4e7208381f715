package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Style;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.verify.Solutions;
import dev.workshop.cli.verify.VerdictView;
import dev.workshop.exercises.Exercise;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verdict;
import dev.workshop.verifier.Verifier;
import dev.workshop.verifier.report.ProbeReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class RunCommand extends WorkshopSubcommand {
  private final PositionalParamSpec dirParameter =
      PositionalParamSpec.builder()
          .index("0")
          .arity("1")
          .paramLabel("DIR")
          .type(Path.class)
          .description("The folder with your solution, e.g. myaddon.")
          .build();
  private final PositionalParamSpec argsParameter =
      PositionalParamSpec.builder()
          .index("1..*")
          .arity("0..*")
          .paramLabel("ARGS")
          .type(java.util.List.class)
          .auxiliaryTypes(String.class)
          .description(
              "Arguments for your program, e.g. sleep: one run with them instead of the exercise's own runs.")
          .build();
  private final picocli.CommandLine.Model.OptionSpec serveOption =
      flag(
          "Run your program once, with nothing sent to it"
              + " and no time limit, until it ends by itself or you press Ctrl-C: a server stays up for you to try by hand.",
          "--serve");
  private Path dir;

  private final picocli.CommandLine.Model.OptionSpec traceOption = Solutions.traceOption();

  @Override
  CommandSpec model() {
    return command(
            "run",
            "Run your solution to the current exercise and watch its threads, without a verdict.",
            "Shows the program's output as it comes, then what the main thread and the pool did.",
            "Exit codes: 0 it ran (whatever it did), 1 it does not compile, 2 usage error, 3 DIR holds another exercise.")
        .addPositional(dirParameter)
        .addOption(traceOption)
        .addPositional(argsParameter)
        .addOption(serveOption);
  }

  @Override
  public Integer call() {
    dir = dirParameter.getValue();
    java.util.List<String> args =
        argsParameter.getValue() == null ? java.util.List.of() : argsParameter.getValue();
    boolean serve = isSet(serveOption);
    Workshop w = workshop();
    Exercise exercise = w.currentExercise();
    Solutions.requireFolder(w, dir);
    Solutions.requireCurrentExercise(w, exercise, dir);
    Path trace = traceOption.getValue();
    Solutions.requireTraceFile(w, trace);
    PrintWriter out = out();
    boolean color = color();
    Verdict verdict;
    var store = w.progressStore();
    Output output = new Output(out);
    if (serve) {
      output.line(
          Style.dim(
              color,
              "Serving: nothing is sent to your program and it has no time limit."
                  + " It runs until it ends by itself or you press Ctrl-C."));
    }
    try {
      java.util.function.Supplier<Verdict> running =
          () ->
              Solutions.verifier(w)
                  .run(
                      exercise,
                      dir,
                      new Verifier.Progress() {
                        @Override
                        public void step(String what) {}

                        @Override
                        public void running(String command) {
                          output.line(Style.dim(color, "$ " + command));
                        }
                      },
                      output::text,
                      args,
                      serve);
      // As in verify: the solution must not change the progress file (put back if it did). Served,
      // the program runs for as long as the learner likes, while the workshop's other commands
      // (hint, verify) save progress from another terminal: no lock is held, and changes stand.
      verdict =
          serve
              ? running.get()
              : store.whileLocked(
                  () -> {
                    var before = store.snapshot();
                    Verdict v = running.get();
                    if (before.changed()) {
                      before.restore();
                      w.warn(VerifyCommand.TAMPERED);
                    }
                    return v;
                  });
    } catch (Verifier.BadFolder e) {
      throw Solutions.badFolder(w, e);
    } catch (Verifier.Unavailable e) {
      throw new dev.workshop.cli.WorkshopException(ExitCode.ERROR, e.getMessage() + ".");
    }
    output.endLine();
    VerdictView view = new VerdictView(out, color, w.terminal().columns());
    if (!verdict.problem().isEmpty()) {
      view.print(verdict, Solutions.budgetMs(exercise));
      return ExitCode.FAIL;
    }
    long budget = Solutions.budgetMs(exercise);
    for (Run run : verdict.runs()) {
      out.println();
      out.println(
          Style.bold(color, run.label())
              + Style.dim(
                  color,
                  "  exit code "
                      + run.exitCode()
                      + (run.timedOut()
                          ? ", stopped after " + exercise.timeout().toMillis() + " ms"
                          : "")
                      + ", "
                      + run.process().duration().toMillis()
                      + " ms"));
      if (!run.stderr().isBlank()) {
        run.stderr()
            .strip()
            .lines()
            .limit(20)
            .forEach(l -> out.println(Style.warning(color, "  " + l)));
      }
      if (run.process().stdoutDropped() > 0) {
        out.println(
            Style.warning(
                color,
                "  ("
                    + run.process().stdoutDropped()
                    + " more characters of output were not kept)"));
      }
      ProbeReport r = run.report();
      long[] lag = r.lagPercentiles(10_000_000L);
      out.println(
          "  main thread: "
              + dev.workshop.verifier.Words.count(r.callbacks().size(), "callback")
              + ", "
              + r.blocks(budget * 1_000_000L).size()
              + " over "
              + budget
              + " ms; loop lag p50 "
              + ms(lag[0])
              + ", p99 "
              + ms(lag[1])
              + ", max "
              + ms(lag[2]));
      out.println(
          "  pool: "
              + (r.poolSize() == 0
                  ? "not used"
                  : dev.workshop.verifier.Words.count(r.poolSize(), "thread")
                      + ", "
                      + dev.workshop.verifier.Words.count(r.jobs().size(), "job")
                      + ", at most "
                      + r.mostJobsAtOnce()
                      + " at once"));
      if (!r.rawThreads().isEmpty()) {
        out.println(
            "  threads of its own: "
                + String.join(
                    ", ", r.rawThreads().stream().map(ProbeReport.RawThread::name).toList()));
      }
      if (!r.violations().isEmpty()) {
        out.println(
            Style.failure(
                color,
                "  loop-owned values touched off the loop thread: " + r.violations().size()));
      }
      new dev.workshop.cli.verify.Timeline(out, color, w.terminal().columns()).print(run, budget);
    }
    view.printInfo(verdict);
    if (trace != null) {
      out.println();
      Solutions.writeTrace(w, trace, verdict, exercise);
    }
    out.println();
    out.println("When it looks right: " + cmd("verify " + dir));
    out.flush();
    return ExitCode.OK;
  }

  /**
   * The program's output as it comes, and the command's own lines between runs: a line of the
   * command's always starts on a line of its own, even when a run's output did not end with a
   * newline ("Waiting" then "$ java Host 1111", not "Waiting$ java Host 1111").
   */
  static final class Output {
    private final PrintWriter out;
    private boolean atLineStart = true;

    Output(PrintWriter out) {
      this.out = out;
    }

    /** Some of the program's output, as it comes. */
    synchronized void text(String text) {
      if (text.isEmpty()) return;
      out.print(text);
      out.flush();
      atLineStart = text.endsWith("\n");
    }

    /** A line of the command's own, on a line of its own. */
    synchronized void line(String line) {
      endLine();
      out.println(line);
      out.flush();
    }

    /** Ends the program's last line when it did not end it itself. */
    synchronized void endLine() {
      if (!atLineStart) out.println();
      atLineStart = true;
    }
  }

  private static String ms(long ns) {
    return Math.round(ns / 1e6) + " ms";
  }
}
