package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.WorkshopException;
import dev.workshop.cli.menu.Menu;
import dev.workshop.cli.progress.Progress;
import dev.workshop.exercises.Exercise;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Model.CommandSpec;

public final class MenuCommand extends WorkshopSubcommand {

  @Override
  CommandSpec model() {
    return command(
        "menu",
        "Pick an exercise from a menu (the same as running with no command).",
        "Outside a terminal it prints the list instead.");
  }

  @Override
  public Integer call() {
    return open(workshop(), () -> spec.root().commandLine().usage(out()));
  }

  /** Opens the menu on the real terminal, or prints the list when there is none. */
  public int open(Workshop workshop, Runnable printHelp) {
    if (!workshop.terminal().interactive()) {
      PrintWriter out = workshop.out();
      ListCommand.printList(workshop, out);
      out.println();
      out.println("This is not an interactive terminal, so here is the list instead of the menu.");
      out.println(
          "Choose with: "
              + workshop.appName()
              + " select N   (then: "
              + workshop.appName()
              + " print)");
      return ExitCode.OK;
    }
    Terminal terminal;
    try {
      terminal = dev.workshop.cli.ConsoleSetup.systemTerminal().build();
    } catch (IOException e) {
      throw new WorkshopException(
          ExitCode.ERROR,
          "cannot open the terminal for the menu: "
              + e.getMessage()
              + ". Use '"
              + workshop.appName()
              + " list' and '"
              + workshop.appName()
              + " select N' instead.",
          e);
    }
    int chosen;
    try {
      chosen = choose(workshop, terminal);
    } finally {
      // Before the lesson is shown: the pager and the shell get the terminal back as it was.
      Menu.closeQuietly(terminal);
    }
    return act(workshop, chosen, printHelp);
  }

  /** Runs the menu on {@code terminal}, then acts on the choice. */
  public int open(Workshop workshop, Terminal terminal, Runnable printHelp) {
    return act(workshop, choose(workshop, terminal), printHelp);
  }

  /** Shows the menu, highlighting the current exercise (or the next unfinished one when it is done). */
  static int choose(Workshop workshop, Terminal terminal) {
    List<Exercise> exercises = workshop.catalogue().exercises();
    Progress progress = workshop.progress();
    List<Menu.Row> rows = new ArrayList<>();
    for (Exercise exercise : exercises) {
      rows.add(
          new Menu.Row(
              String.format("%2d. %s", exercise.number(), exercise.title()),
              progress.isCompleted(exercise.id()) ? "[COMPLETED]" : ""));
    }
    rows.add(new Menu.Row("    HELP", ""));
    rows.add(new Menu.Row("    EXIT", ""));

    Exercise current = workshop.currentExercise();
    Exercise start =
        progress.isCompleted(current.id())
            ? workshop.nextUnfinished(progress, current).orElse(current)
            : current;
    return new Menu(terminal, workshop.catalogue().title(), rows, workshop.terminal().color())
        .choose(start.number() - 1);
  }

  /** Does what the row chosen in the menu says: print an exercise (selecting it), help, or nothing. */
  static int act(Workshop workshop, int chosen, Runnable printHelp) {
    List<Exercise> exercises = workshop.catalogue().exercises();
    int help = exercises.size();
    if (chosen == Menu.INTERRUPTED) {
      return ExitCode.INTERRUPTED;
    }
    if (chosen == help) {
      printHelp.run();
      return ExitCode.OK;
    }
    if (chosen == Menu.QUIT || chosen > help) {
      return ExitCode.OK;
    }
    Exercise exercise = exercises.get(chosen);
    workshop.updateProgress(p -> p.withCurrent(exercise.id()));
    new LessonPrinter(workshop, false).printLesson(exercise);
    return ExitCode.OK;
  }
}
