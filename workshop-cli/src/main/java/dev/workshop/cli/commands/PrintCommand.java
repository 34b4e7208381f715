package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Exercise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "print", mixinStandardHelpOptions = true,
    description = "Show the lesson of the current exercise, or of the one you name.")
public final class PrintCommand extends WorkshopSubcommand {
  @Parameters(arity = "0..1", paramLabel = "EXERCISE", description = "A number (from 1) or a title. Default: the current exercise.")
  String exercise;

  @Option(names = "--no-pager", description = "Print straight to the terminal, without less. WORKSHOP_PAGER picks another pager.")
  boolean noPager;

  @Override
  public Integer call() {
    Exercise chosen = exercise == null ? workshop().currentExercise() : workshop().findExercise(exercise);
    new LessonPrinter(workshop(), noPager).printLesson(chosen);
    return ExitCode.OK;
  }
}
