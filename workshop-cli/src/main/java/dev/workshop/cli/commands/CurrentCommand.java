package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Exercise;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

public final class CurrentCommand extends WorkshopSubcommand {
  private final OptionSpec where = flag("Print where your progress is kept instead.", "--where");

  @Override
  CommandSpec model() {
    return command("current", "Show the exercise you are on.").addOption(where);
  }

  @Override
  public Integer call() {
    if (isSet(where)) {
      out().println(workshop().progressStore().file());
      return ExitCode.OK;
    }
    Exercise exercise = workshop().currentExercise();
    String done = workshop().progress().isCompleted(exercise.id()) ? " (completed)" : "";
    out().println(exercise.number() + ". " + exercise.title() + done);
    return ExitCode.OK;
  }
}
