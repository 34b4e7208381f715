package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Exercise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "select", mixinStandardHelpOptions = true, description = "Make an exercise the current one.")
public final class SelectCommand extends WorkshopSubcommand {
  @Parameters(paramLabel = "EXERCISE", description = "A number (from 1) or a title; case and punctuation do not matter.")
  String exercise;

  @Override
  public Integer call() {
    Exercise chosen = workshop().findExercise(exercise);
    workshop().updateProgress(p -> p.withCurrent(chosen.id()));
    out().println("Selected " + chosen.number() + ". " + chosen.title() + ". Read it with " + cmd("print") + ".");
    return ExitCode.OK;
  }
}
