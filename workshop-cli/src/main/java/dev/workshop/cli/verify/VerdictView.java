package dev.workshop.cli.verify;

import dev.workshop.cli.Style;
import dev.workshop.cli.render.WrappingWriter;
import dev.workshop.verifier.CheckResult;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verdict;
import dev.workshop.verifier.compile.CompileError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a verdict for a learner: the compile errors, or one ✓/✗ line per check with its reason
 * and evidence, the informational lines, and the threads' timeline.
 */
public final class VerdictView {
  private final PrintWriter out;
  private final boolean color;
  private final int width;

  public VerdictView(PrintWriter out, boolean color, int width) {
    this.out = out;
    this.color = color;
    this.width = Math.max(40, width);
  }

  /** The whole verdict; {@code budgetMs} marks blocks in the timeline. */
  public void print(Verdict verdict, long budgetMs) {
    if (!verdict.problem().isEmpty()) {
      print(Style.failure(color, "✗ "), verdict.problem(), Style::plain);
      for (CompileError e : verdict.compileErrors()) {
        out.println();
        List<String> lines = e.format().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          out.println(
              "  "
                  + (i == 0
                      ? Style.bold(color, line)
                      : line.startsWith("hint:") ? Style.command(color, line) : line));
        }
      }
      out.flush();
      return;
    }
    printChecks(verdict.checks());
    printInfo(verdict);
    printTimeline(verdict, budgetMs);
    out.flush();
  }

  /**
   * One ✓/✗ line per check, with a failure's reason and evidence. Checks that differ only in
   * their run's label (the same fact after the label, and for a failure the same reason and
   * diagnosis) are one line naming every run: "java Host 111, java Host 1111: ...", shown where
   * the first of them was, with the first one's evidence.
   */
  void printChecks(List<CheckResult> checks) {
    Map<List<Object>, List<String>> labels = new LinkedHashMap<>();
    Map<List<Object>, CheckResult> first = new LinkedHashMap<>();
    Map<List<Object>, String> rests = new LinkedHashMap<>();
    for (CheckResult c : checks) {
      String label = c.run() == null ? null : c.run().label();
      String rest = c.fact();
      List<Object> key =
          label == null
              ? List.of(new Object()) // not about one run: never merged
              : c.passed()
                  ? List.of(true, rest)
                  : List.of(false, rest, c.reason(), String.valueOf(c.diagnosis()));
      first.putIfAbsent(key, c);
      rests.putIfAbsent(key, rest);
      List<String> ls = labels.computeIfAbsent(key, k -> new ArrayList<>());
      if (label != null && !ls.contains(label)) ls.add(label);
    }
    for (Map.Entry<List<Object>, CheckResult> entry : first.entrySet()) {
      CheckResult c = entry.getValue();
      List<String> ls = labels.get(entry.getKey());
      String name = ls.size() < 2 ? c.name() : String.join(", ", ls) + rests.get(entry.getKey());
      if (c.passed()) {
        print(Style.success(color, "✓ "), name, Style::plain);
      } else {
        print(Style.failure(color, "✗ "), name, Style::plain);
        print("    ", c.reason(), Style::bold);
        for (String e : c.evidence()) {
          if (isSource(e)) {
            out.println("    " + Style.warning(color, clip(e, width - 4)));
          } else {
            print("    ", e, Style::dim);
          }
        }
      }
    }
  }

  /** The lines that explain without judging. */
  public void printInfo(Verdict verdict) {
    if (verdict.info().isEmpty()) return;
    out.println();
    for (String line : verdict.info()) {
      if (isSource(line)) {
        out.println("    " + Style.warning(color, clip(line, width - 4)));
      } else {
        print("• ", line, Style::plain);
      }
    }
  }

  private interface Styler {
    String apply(boolean color, String text);
  }

  /**
   * Prints {@code text} after {@code prefix}, wrapped at spaces to the terminal's width, each
   * further line indented two more than the prefix.
   */
  private void print(String prefix, String text, Styler style) {
    String lead = Style.strip(prefix);
    int hang = Style.width(lead) - (lead.length() - lead.stripLeading().length()) + 2;
    for (String line : WrappingWriter.wrap(prefix + style.apply(color, text), width, hang)) {
      out.println(line);
    }
  }

  private static boolean isSource(String line) {
    return line.matches("\\s*\\d+ \\| .*");
  }

  /** A source line keeps its shape: too long, it ends in an ellipsis rather than wrapping. */
  private static String clip(String line, int room) {
    return line.length() <= room ? line : line.substring(0, Math.max(10, room - 1)) + "…";
  }

  /** The timeline of the most telling run: the first one with a failed check, else the last one. */
  public void printTimeline(Verdict verdict, long budgetMs) {
    Optional<Run> shown = verdict.telling();
    if (shown.isEmpty()) return;
    out.println();
    new Timeline(out, color, width).print(shown.get(), budgetMs);
  }
}
