package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Exercise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "more", mixinStandardHelpOptions = true,
    description = "Extra reading for the current exercise: the details behind the lesson.")
public final class MoreCommand extends WorkshopSubcommand {
  @Parameters(arity = "0..1", paramLabel = "EXERCISE", description = "A number or a title. Default: the current exercise.")
  String exercise;

  @Option(names = "--no-pager", description = "Print straight to the terminal, without less.")
  boolean noPager;

  @Override
  public Integer call() {
    Exercise chosen = exercise == null ? workshop().currentExercise() : workshop().findExercise(exercise);
    chosen.more().ifPresentOrElse(
        text -> new LessonPrinter(workshop(), noPager).printMarkdown(text),
        () -> out().println("Exercise " + chosen.number() + " has no extra reading. Try " + cmd("hint") + "."));
    return ExitCode.OK;
  }
}
