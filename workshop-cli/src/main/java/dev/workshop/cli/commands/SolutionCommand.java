package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Style;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.WorkshopException;
import dev.workshop.cli.render.JavaHighlighter;
import dev.workshop.exercises.Exercise;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class SolutionCommand extends WorkshopSubcommand {
  private final PositionalParamSpec exerciseParameter =
      exerciseParameter("A number or a title. Default: the current exercise.");
  private final OptionSpec revealOption =
      flag("Show it even though you have not completed the exercise yet.", "--reveal");

  @Override
  CommandSpec model() {
    return command(
            "solution",
            "Show the official solution of an exercise you have completed.",
            "Add --reveal to see it before you have solved it.")
        .addPositional(exerciseParameter)
        .addOption(revealOption);
  }

  @Override
  public Integer call() {
    String exercise = exerciseParameter.getValue();
    boolean reveal = isSet(revealOption);
    Exercise chosen =
        exercise == null ? workshop().currentExercise() : workshop().findExercise(exercise);
    if (!workshop().progress().isCompleted(chosen.id())) {
      if (!reveal) {
        // hint gives the hints of the current exercise only: for another one, it must be selected
        // first.
        String app = workshop().appName();
        boolean current = chosen.id().equals(workshop().currentExercise().id());
        String hint =
            current
                ? "Try '" + app + " hint' first"
                : "For a hint, select it with '"
                    + app
                    + " select "
                    + chosen.number()
                    + "', then run '"
                    + app
                    + " hint'";
        throw WorkshopException.refused(
            "you have not completed "
                + chosen.number()
                + ". "
                + chosen.title()
                + " yet, so its solution is still hidden. "
                + hint
                + ", or add --reveal to see it anyway.");
      }
      workshop()
          .warn(
              "this is the answer to an exercise you have not solved yet. Working it out yourself is what makes it stick.");
    }
    printSolution(workshop(), chosen);
    return ExitCode.OK;
  }

  /** Prints each file of the reference solution, with Java colours. Used after a PASS too. */
  static void printSolution(Workshop workshop, Exercise exercise) {
    PrintWriter out = workshop.out();
    boolean color = workshop.terminal().color();
    for (String file : exercise.learnerFiles()) {
      out.println(Style.bold(color, "── " + file + " (official solution) ──"));
      out.println(JavaHighlighter.highlight(exercise.solution(file).stripTrailing(), color));
      out.println();
    }
    out.flush();
  }
}
