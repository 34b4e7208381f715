package dev.workshop.cli.verify;

import dev.workshop.cli.Style;
import dev.workshop.verifier.CheckResult;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verdict;
import dev.workshop.verifier.compile.CompileError;
import java.io.PrintWriter;
import java.util.List;

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
      out.println(Style.failure(color, "✗ ") + verdict.problem());
      for (CompileError e : verdict.compileErrors()) {
        out.println();
        List<String> lines = e.format().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          out.println("  " + (i == 0 ? Style.bold(color, line) : line.startsWith("hint:") ? Style.command(color, line) : line));
        }
      }
      out.flush();
      return;
    }
    for (CheckResult c : verdict.checks()) {
      if (c.passed()) {
        out.println(Style.success(color, "✓ ") + c.name());
      } else {
        out.println(Style.failure(color, "✗ ") + c.name());
        out.println("    " + Style.bold(color, c.reason()));
        for (String e : c.evidence()) {
          out.println("    " + (e.matches("\\s*\\d+ \\| .*") ? Style.warning(color, e) : Style.dim(color, e)));
        }
      }
    }
    printInfo(verdict);
    printTimeline(verdict, budgetMs);
    out.flush();
  }

  /** The lines that explain without judging. */
  public void printInfo(Verdict verdict) {
    if (verdict.info().isEmpty()) return;
    out.println();
    for (String line : verdict.info()) {
      out.println((line.matches("\\s*\\d+ \\| .*") ? "    " + Style.warning(color, line) : "• " + line));
    }
  }

  /** The timeline of the most telling run: the first one with a failed check, else the last one. */
  public void printTimeline(Verdict verdict, long budgetMs) {
    if (verdict.runs().isEmpty()) return;
    Run shown = verdict.runs().get(verdict.runs().size() - 1);
    for (CheckResult c : verdict.checks()) {
      if (c.passed()) continue;
      for (Run r : verdict.runs()) {
        if (c.name().startsWith(r.label())) {
          shown = r;
          break;
        }
      }
      break;
    }
    out.println();
    new Timeline(out, color, width).print(shown, budgetMs);
  }
}
