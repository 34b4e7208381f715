package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Exercise;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class SelectCommand extends WorkshopSubcommand {
  private final PositionalParamSpec exerciseParameter =
      PositionalParamSpec.builder()
          .index("0")
          .arity("1")
          .required(true)
          .paramLabel("EXERCISE")
          .type(String.class)
          .description("A number (from 1) or a title; case and punctuation do not matter.")
          .completionCandidates(exerciseCandidates())
          .build();

  @Override
  CommandSpec model() {
    return command("select", "Make an exercise the current one.").addPositional(exerciseParameter);
  }

  @Override
  public Integer call() {
    String exercise = exerciseParameter.getValue();
    Exercise chosen = workshop().findExercise(exercise);
    workshop().updateProgress(p -> p.withCurrent(chosen.id()));
    out()
        .println(
            "Selected "
                + chosen.number()
                + ". "
                + chosen.title()
                + ". Read it with "
                + cmd("print")
                + ".");
    return ExitCode.OK;
  }
}
