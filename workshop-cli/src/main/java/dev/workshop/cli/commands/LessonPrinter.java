package dev.workshop.cli.commands;

import dev.workshop.cli.Style;
import dev.workshop.cli.TerminalInfo;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.render.MarkdownRenderer;
import dev.workshop.cli.render.Pager;
import dev.workshop.exercises.Exercise;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shows Markdown from the catalogue in the terminal: rendered, wrapped, paged when long. */
final class LessonPrinter {
  private final Workshop workshop;
  private final boolean noPager;

  LessonPrinter(Workshop workshop, boolean noPager) {
    this.workshop = workshop;
    this.noPager = noPager;
  }

  /** Prints an exercise's lesson, with a header and the footer of what to type next. */
  void printLesson(Exercise exercise) {
    int total = workshop.catalogue().exercises().size();
    boolean color = workshop.terminal().color();
    String header = Style.dim(color, "Exercise " + exercise.number() + " of " + total) + "\n\n";
    boolean current = exercise.id().equals(workshop.currentExercise().id());
    show(header + render(exercise.lesson()) + "\n" + footer(current ? null : exercise));
  }

  /** Prints any Markdown text of an exercise (extra reading, a hint). */
  void printMarkdown(String markdown) {
    show(render(markdown));
  }

  /**
   * The Markdown rendered for where it goes: styled on a terminal with colour, laid out the same way
   * without colour on any other terminal (NO_COLOR means no colour, not raw Markdown), and as plain
   * text with Markdown's marks into a pipe or a file.
   */
  String render(String markdown) {
    TerminalInfo terminal = workshop.terminal();
    MarkdownRenderer.Look look =
        terminal.color()
            ? MarkdownRenderer.Look.COLOR
            : terminal.stdoutIsTerminal()
                ? MarkdownRenderer.Look.MONOCHROME
                : MarkdownRenderer.Look.PLAIN;
    return new MarkdownRenderer(look, terminal.columns(), Map.of("appname", workshop.appName()))
        .render(markdown);
  }

  private void show(String text) {
    TerminalInfo terminal = workshop.terminal();
    PrintWriter out = workshop.out();
    Pager.choose(workshop.env(), terminal.stdoutIsTerminal(), noPager)
        .show(text, terminal.rows(), out, workshop::warn);
    out.flush();
  }

  /**
   * What to type next, in two columns when they fit the terminal, else each command on its own
   * line with its description wrapped below it. {@code notCurrent} is the exercise shown when it is
   * not the selected one: the other commands act on the selected one, so selecting comes first.
   */
  private String footer(Exercise notCurrent) {
    boolean color = workshop.terminal().color();
    String app = workshop.appName();
    int width = Math.min(workshop.terminal().columns(), 80);
    StringBuilder out = new StringBuilder(Style.dim(color, "─".repeat(Math.max(10, width))) + "\n");
    List<String[]> rows = new ArrayList<>();
    if (notCurrent != null) {
      rows.add(
          new String[] {
            app + " select " + notCurrent.number(), "select it first: the commands below act on it"
          });
    }
    rows.add(new String[] {app + " scaffold", "write the starter files into myaddon/"});
    rows.add(new String[] {app + " run myaddon", "run your program and watch its threads"});
    rows.add(new String[] {app + " verify myaddon", "check your solution"});
    rows.add(new String[] {app + " hint", "get a hint, one at a time"});
    rows.add(new String[] {app + " more", "extra reading"});
    rows.add(new String[] {app, "back to the menu"});
    int pad = 0;
    int longest = 0;
    for (String[] row : rows) {
      pad = Math.max(pad, row[0].length());
      longest = Math.max(longest, row[1].length());
    }
    boolean columns = 2 + pad + 2 + longest <= width;
    for (String[] row : rows) {
      if (columns) {
        out.append("  ")
            .append(Style.command(color, row[0]))
            .append(" ".repeat(pad - row[0].length() + 2))
            .append(row[1])
            .append('\n');
        continue;
      }
      // A command is kept on one line here: wider than the terminal, it is broken at a space on
      // its way out (see WrappingWriter), or by the pager.
      out.append(row[0].length() + 2 <= width ? "  " : "")
          .append(Style.command(color, row[0]))
          .append('\n');
      for (String line : wrap(row[1], Math.max(1, width - 4))) {
        out.append("    ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** Plain word wrapping, for the footer's short descriptions. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
