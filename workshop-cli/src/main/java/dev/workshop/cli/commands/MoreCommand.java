package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Exercise;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class MoreCommand extends WorkshopSubcommand {
  private final PositionalParamSpec exerciseParameter =
      exerciseParameter("A number or a title. Default: the current exercise.");
  private final OptionSpec noPagerOption =
      flag("Print straight to the terminal, without less.", "--no-pager");

  @Override
  CommandSpec model() {
    return command("more", "Extra reading for the current exercise: the details behind the lesson.")
        .addPositional(exerciseParameter)
        .addOption(noPagerOption);
  }

  @Override
  public Integer call() {
    String exercise = exerciseParameter.getValue();
    boolean noPager = isSet(noPagerOption);
    Exercise chosen =
        exercise == null ? workshop().currentExercise() : workshop().findExercise(exercise);
    chosen
        .more()
        .ifPresentOrElse(
            text -> new LessonPrinter(workshop(), noPager).printMarkdown(text),
            () ->
                out()
                    .println(
                        "Exercise "
                            + chosen.number()
                            + " has no extra reading. Try "
                            + cmd("hint")
                            + "."));
    return ExitCode.OK;
  }
}
