package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Style;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.progress.Progress;
import dev.workshop.exercises.Exercise;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

public final class ListCommand extends WorkshopSubcommand {

  @Override
  CommandSpec model() {
    return command("list", "List the exercises, with what you have completed.");
  }

  @Override
  public Integer call() {
    printList(workshop(), out());
    out().println();
    out().println("Pick one with " + cmd("select N") + ", then read it with " + cmd("print") + ".");
    return ExitCode.OK;
  }

  /** The numbered list, one exercise a line; shared with the menu's plain mode. */
  static void printList(Workshop workshop, PrintWriter out) {
    boolean color = workshop.terminal().color();
    Progress progress = workshop.progress();
    String current = workshop.currentExercise().id();
    for (Exercise exercise : workshop.catalogue().exercises()) {
      String marker = exercise.id().equals(current) ? "▶ " : "  ";
      String line = marker + String.format("%2d. %s", exercise.number(), exercise.title());
      if (progress.isCompleted(exercise.id())) {
        line += "  " + Style.success(color, "[COMPLETED]");
      }
      out.println(line);
    }
    int done =
        (int)
            workshop.catalogue().exercises().stream()
                .filter(e -> progress.isCompleted(e.id()))
                .count();
    out.println();
    out.println(done + " of " + workshop.catalogue().exercises().size() + " completed.");
  }
}
