package dev.workshop.cli.commands;

import dev.workshop.cli.Style;
import dev.workshop.cli.TerminalInfo;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.render.MarkdownRenderer;
import dev.workshop.cli.render.Pager;
import dev.workshop.exercises.Exercise;
import java.io.PrintWriter;
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
    show(header + render(exercise.lesson()) + "\n" + footer());
  }

  /** Prints any Markdown text of an exercise (extra reading, a hint). */
  void printMarkdown(String markdown) {
    show(render(markdown));
  }

  String render(String markdown) {
    TerminalInfo terminal = workshop.terminal();
    return new MarkdownRenderer(terminal.color(), terminal.columns(), Map.of("appname", workshop.appName())).render(markdown);
  }

  private void show(String text) {
    TerminalInfo terminal = workshop.terminal();
    PrintWriter out = workshop.out();
    Pager.choose(workshop.env(), terminal.stdoutIsTerminal(), noPager).show(text, terminal.rows(), out);
    out.flush();
  }

  private String footer() {
    boolean color = workshop.terminal().color();
    String app = workshop.appName();
    int width = Math.min(workshop.terminal().columns(), 80);
    StringBuilder out = new StringBuilder(Style.dim(color, "─".repeat(Math.max(10, width))) + "\n");
    String[][] rows = {
      {app + " scaffold", "write the starter files into myaddon/"},
      {app + " run myaddon", "run your program and watch its threads"},
      {app + " verify myaddon", "check your solution"},
      {app + " hint", "get a hint, one at a time"},
      {app + " more", "extra reading"},
      {app, "back to the menu"},
    };
    int pad = 0;
    for (String[] row : rows) {
      pad = Math.max(pad, row[0].length());
    }
    for (String[] row : rows) {
      out.append("  ").append(Style.command(color, row[0])).append(" ".repeat(pad - row[0].length() + 2)).append(row[1]).append('\n');
    }
    return out.toString();
  }
}
