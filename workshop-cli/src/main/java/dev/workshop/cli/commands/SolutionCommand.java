package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Style;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.WorkshopException;
import dev.workshop.cli.render.JavaHighlighter;
import dev.workshop.exercises.Exercise;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "solution", mixinStandardHelpOptions = true,
    description = {"Show the official solution of an exercise you have completed.",
        "Add --reveal to see it before you have solved it."})
public final class SolutionCommand extends WorkshopSubcommand {
  @Parameters(arity = "0..1", paramLabel = "EXERCISE", description = "A number or a title. Default: the current exercise.")
  String exercise;

  @Option(names = "--reveal", description = "Show it even though you have not completed the exercise yet.")
  boolean reveal;

  @Override
  public Integer call() {
    Exercise chosen = exercise == null ? workshop().currentExercise() : workshop().findExercise(exercise);
    if (!workshop().progress().isCompleted(chosen.id())) {
      if (!reveal) {
        throw WorkshopException.refused("you have not completed " + chosen.number() + ". " + chosen.title()
            + " yet, so its solution is still hidden. Try '" + workshop().appName() + " hint' first, or add --reveal to see it anyway.");
      }
      workshop().warn("this is the answer to an exercise you have not solved yet. Working it out yourself is what makes it stick.");
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
