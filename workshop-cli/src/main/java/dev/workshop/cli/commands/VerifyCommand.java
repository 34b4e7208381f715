package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Style;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.progress.ProgressStore;
import dev.workshop.cli.verify.Solutions;
import dev.workshop.cli.verify.VerdictView;
import dev.workshop.exercises.Exercise;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Verdict;
import dev.workshop.verifier.Verifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class VerifyCommand extends WorkshopSubcommand {
  private final PositionalParamSpec dirParameter =
      PositionalParamSpec.builder()
          .index("0")
          .arity("1")
          .paramLabel("DIR")
          .type(Path.class)
          .description("The folder with your solution, e.g. myaddon.")
          .build();
  private Path dir;

  private final picocli.CommandLine.Model.OptionSpec traceOption = Solutions.traceOption();

  /** Set by {@code watch}, whose keys stand in for the commands a verdict suggests typing. */
  private final OptionSpec watching =
      OptionSpec.builder("--watching")
          .type(boolean.class)
          .arity("0")
          .hidden(true)
          .description("Set by watch: the verdict names its keys rather than commands.")
          .build();

  @Override
  CommandSpec model() {
    return command(
            "verify",
            "Check your solution to the current exercise.",
            "Compiles the DIR folder, runs it in a separate JVM under a probe, and says whether the",
            "main thread stayed unblocked; when it did not, where (your file and line) and why.",
            "Exit codes: 0 PASS, 1 FAIL, 2 usage error (no such folder...), 3 DIR holds another exercise.")
        .addPositional(dirParameter)
        .addOption(traceOption)
        .addOption(watching);
  }

  @Override
  public Integer call() {
    dir = dirParameter.getValue();
    Workshop w = workshop();
    Exercise exercise = w.currentExercise();
    Solutions.requireFolder(w, dir);
    Solutions.requireCurrentExercise(w, exercise, dir);
    Path trace = traceOption.getValue();
    Solutions.requireTraceFile(w, trace);
    PrintWriter out = out();
    boolean color = color();
    out.println(
        Style.bold(color, "Verifying " + exercise.number() + ". " + exercise.title())
            + Style.dim(color, "  (" + dir + ")"));
    out.println();
    out.flush();
    Verdict verdict;
    ProgressStore store = w.progressStore();
    try {
      // The progress file is the workshop's alone: held locked while the solution runs, and put
      // back if the solution changed it. Only this process writes it, after a PASS.
      verdict =
          store.whileLocked(
              () -> {
                ProgressStore.Snapshot before = store.snapshot();
                Verdict v = Solutions.verifier(w).verify(exercise, dir, Solutions.progressLine(w));
                if (!before.changed()) return v;
                before.restore();
                return new Verdict(
                    false, Diagnosis.TAMPERED, TAMPERED, List.of(), List.of(), v.info(), v.runs());
              });
    } catch (Verifier.BadFolder e) {
      throw Solutions.badFolder(w, e);
    } catch (Verifier.Unavailable e) {
      throw new dev.workshop.cli.WorkshopException(ExitCode.ERROR, e.getMessage() + ".");
    } finally {
      Solutions.clearProgress(w);
    }
    new VerdictView(out, color, w.terminal().columns())
        .print(verdict, Solutions.budgetMs(exercise));
    if (trace != null) {
      out.println();
      Solutions.writeTrace(w, trace, verdict, exercise);
    }
    out.println();
    if (verdict.passed()) {
      passed(w, exercise);
      return ExitCode.OK;
    }
    out.println(Style.failure(color, "FAIL") + "  " + reason(verdict));
    out.println();
    String run = "run " + dir;
    int pad = Math.max(w.appName().length() + run.length() + 3, 16);
    if (Boolean.TRUE.equals(watching.getValue())) {
      // In watch mode a key does it: h for a hint (the key bar below says the rest).
      out.println(
          "Stuck?  "
              + Style.command(color, "press h")
              + " ".repeat(pad - 7)
              + "a hint, one at a time");
    } else {
      out.println(
          "Stuck?  "
              + cmd("hint")
              + " ".repeat(pad - w.appName().length() - 5)
              + "a hint, one at a time");
    }
    out.println(
        "        "
            + cmd(run)
            + " ".repeat(pad - w.appName().length() - run.length() - 1)
            + "what your program does, thread by thread");
    out.println(
        "        "
            + cmd("print")
            + " ".repeat(pad - w.appName().length() - 6)
            + "the lesson again");
    out.flush();
    return ExitCode.FAIL;
  }

  static final String TAMPERED =
      "your program changed the workshop's progress file; it was put back";

  private static String reason(Verdict v) {
    if (v.diagnosis() == Diagnosis.TAMPERED && !v.problem().isEmpty())
      return v.problem() + " [" + v.diagnosis().code() + "]";
    if (!v.problem().isEmpty()) return v.problem();
    return v.cause()
        .map(c -> c.reason() + " [" + c.diagnosis().code() + "]")
        .orElse("the solution did not do everything the lesson asks for");
  }

  private void passed(Workshop w, Exercise exercise) {
    PrintWriter out = out();
    boolean color = color();
    var progress = w.updateProgress(p -> p.withCompleted(exercise.id()));
    out.println(
        Style.success(color, "PASS")
            + "  Well done: "
            + exercise.number()
            + ". "
            + exercise.title()
            + " is complete.");
    out.println();
    out.println("Here is the official solution, to compare with yours:");
    out.println();
    SolutionCommand.printSolution(w, exercise);
    long left =
        w.catalogue().exercises().stream().filter(e -> !progress.isCompleted(e.id())).count();
    Optional<Exercise> next = w.nextUnfinished(progress, exercise);
    if (left == 0 || next.isEmpty()) {
      out.println(
          Style.success(
              color, "You have completed every exercise of the workshop. Congratulations!"));
    } else {
      out.println(
          left
              + " exercise"
              + (left == 1 ? "" : "s")
              + (Boolean.TRUE.equals(watching.getValue())
                  ? " left. Press " + Style.command(color, "n")
                  : " left. Type " + cmd("next"))
              + " for "
              + next.get().number()
              + ". "
              + next.get().title()
              + ".");
    }
    out.flush();
  }
}
