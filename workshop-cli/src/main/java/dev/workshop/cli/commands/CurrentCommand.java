package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Exercise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "current", mixinStandardHelpOptions = true, description = "Show the exercise you are on.")
public final class CurrentCommand extends WorkshopSubcommand {
  @Option(names = "--where", description = "Print where your progress is kept instead.")
  boolean where;

  @Override
  public Integer call() {
    if (where) {
      out().println(workshop().progressStore().file());
      return ExitCode.OK;
    }
    Exercise exercise = workshop().currentExercise();
    String done = workshop().progress().isCompleted(exercise.id()) ? " (completed)" : "";
    out().println(exercise.number() + ". " + exercise.title() + done);
    return ExitCode.OK;
  }
}
