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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reset", mixinStandardHelpOptions = true,
    description = {"Forget your progress on one exercise (completion and hints), or on all of them.",
        "Your solution files are not touched."})
public final class ResetCommand extends WorkshopSubcommand {
  @Parameters(arity = "0..1", paramLabel = "EXERCISE", description = "A number or a title. Default: the current exercise.")
  String exercise;

  @Option(names = "--all", description = "Reset every exercise.")
  boolean all;

  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (for scripts).")
  boolean yes;

  @Override
  public Integer call() {
    if (all && exercise != null) {
      throw WorkshopException.usage("give either an exercise or --all, not both.");
    }
    Exercise chosen = all ? null : exercise == null ? workshop().currentExercise() : workshop().findExercise(exercise);
    String what = all ? "all your progress" : "your progress on " + chosen.number() + ". " + chosen.title();
    if (!yes) {
      if (!workshop().terminal().interactive()) {
        throw WorkshopException.usage("reset needs a confirmation: add --yes to reset " + what + " without a question.");
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
      String answer = new BufferedReader(new InputStreamReader(workshop().in(), StandardCharsets.UTF_8)).readLine();
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
