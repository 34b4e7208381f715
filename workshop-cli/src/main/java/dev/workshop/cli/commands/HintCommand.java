package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Style;
import dev.workshop.exercises.Exercise;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

public final class HintCommand extends WorkshopSubcommand {
  private final OptionSpec showAll = flag("Show every hint at once.", "--all");

  @Override
  CommandSpec model() {
    return command(
            "hint",
            "Reveal the next hint for the current exercise.",
            "Each call shows one more; the last one nearly gives the answer.")
        .addOption(showAll);
  }

  @Override
  public Integer call() {
    boolean all = isSet(showAll);
    Exercise exercise = workshop().currentExercise();
    List<String> hints = exercise.hints();
    if (hints.isEmpty()) {
      out()
          .println(
              "Exercise "
                  + exercise.number()
                  + " has no hints. Read the lesson again with "
                  + cmd("print")
                  + ".");
      return ExitCode.OK;
    }
    int seen = workshop().progress().hintsSeen(exercise.id());
    int from = all ? 0 : Math.min(seen, hints.size() - 1);
    int to = all ? hints.size() : from + 1;
    LessonPrinter printer = new LessonPrinter(workshop(), true);
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to; i++) {
      text.append("## Hint ")
          .append(i + 1)
          .append(" of ")
          .append(hints.size())
          .append("\n\n")
          .append(hints.get(i))
          .append("\n\n");
    }
    printer.printMarkdown(text.toString());
    workshop().updateProgress(p -> p.withHintsSeen(exercise.id(), to));
    out().println();
    if (to < hints.size()) {
      out()
          .println(
              Style.dim(
                  color(), "Still stuck? " + workshop().appName() + " hint shows the next one."));
    } else {
      out()
          .println(
              Style.dim(
                  color(),
                  "That was the last hint. "
                      + workshop().appName()
                      + " run myaddon shows what your program does."));
    }
    return ExitCode.OK;
  }
}
