package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.WorkshopException;
import dev.workshop.cli.progress.Progress;
import dev.workshop.exercises.Exercise;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class ResetCommand extends WorkshopSubcommand {
  private final PositionalParamSpec exerciseParameter =
      exerciseParameter("A number or a title. Default: the current exercise.");
  private final OptionSpec allOption = flag("Reset every exercise.", "--all");
  private final OptionSpec yesOption =
      flag("Do not ask for confirmation (for scripts).", "-y", "--yes");

  @Override
  CommandSpec model() {
    return command(
            "reset",
            "Forget your progress on one exercise (completion and hints), or on all of them.",
            "Your solution files are not touched.")
        .addPositional(exerciseParameter)
        .addOption(allOption)
        .addOption(yesOption);
  }

  @Override
  public Integer call() {
    String exercise = exerciseParameter.getValue();
    boolean all = isSet(allOption);
    boolean yes = isSet(yesOption);
    if (all && exercise != null) {
      throw WorkshopException.usage("give either an exercise or --all, not both.");
    }
    Exercise chosen =
        all
            ? null
            : exercise == null ? workshop().currentExercise() : workshop().findExercise(exercise);
    String what =
        all ? "all your progress" : "your progress on " + chosen.number() + ". " + chosen.title();
    if (!yes) {
      if (!workshop().terminal().interactive()) {
        throw WorkshopException.usage(
            "reset needs a confirmation: add --yes to reset " + what + " without a question.");
      }
      out().print("Reset " + what + "? Your files are not touched. [y/N] ");
      out().flush();
      if (!confirmed()) {
        out().println("Nothing was reset.");
        return ExitCode.OK;
      }
    }
    if (all) {
      workshop().updateProgress(p -> Progress.empty());
    } else {
      workshop().updateProgress(p -> p.without(chosen.id()));
    }
    out().println("Reset " + what + ".");
    return ExitCode.OK;
  }

  private boolean confirmed() {
    try {
      // Not closed: it wraps the process's standard input.
      String answer =
          new BufferedReader(new InputStreamReader(workshop().in(), StandardCharsets.UTF_8))
              .readLine();
      if (answer == null) {
        out().println(); // Ctrl-D: the terminal did not move to a new line for us
        return false;
      }
      return answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
    } catch (IOException e) {
      return false;
    }
  }
}
