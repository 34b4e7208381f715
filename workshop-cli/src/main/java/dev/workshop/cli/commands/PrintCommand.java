package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Exercise;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class PrintCommand extends WorkshopSubcommand {
  private final PositionalParamSpec exerciseParameter =
      exerciseParameter("A number (from 1) or a title. Default: the current exercise.");
  private final OptionSpec noPagerOption =
      flag(
          "Print straight to the terminal, without less. WORKSHOP_PAGER picks another pager.",
          "--no-pager");

  @Override
  CommandSpec model() {
    return command("print", "Show the lesson of the current exercise, or of the one you name.")
        .addPositional(exerciseParameter)
        .addOption(noPagerOption);
  }

  @Override
  public Integer call() {
    String exercise = exerciseParameter.getValue();
    boolean noPager = isSet(noPagerOption);
    Exercise chosen =
        exercise == null ? workshop().currentExercise() : workshop().findExercise(exercise);
    new LessonPrinter(workshop(), noPager).printLesson(chosen);
    return ExitCode.OK;
  }
}
