package dev.workshop.cli.render;

import dev.workshop.cli.Style;
import java.util.ArrayList;
import java.util.List;

/** One line of styled text under construction, measured in visible columns. */
final class StyledLine {

  private final List<Run> runs = new ArrayList<>();
  private int width;

  static StyledLine of(List<Span> spans) {
    StyledLine line = new StyledLine();
    for (Span span : spans) {
      line.append(span.text().replace('\n', ' '), span.sgr());
    }
    return line;
  }

  /**
   * The spans as encoded lines, split where their text holds a line break: each line carries its
   * own escapes, so that a pager may show it alone. No line after a final break, and none for no
   * text.
   */
  static List<String> encodeLines(List<Span> spans, boolean color) {
    List<String> lines = new ArrayList<>();
    StyledLine line = new StyledLine();
    for (Span span : spans) {
      String[] parts = span.text().split("\n", -1);
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          lines.add(line.encode(color));
          line = new StyledLine();
        }
        line.append(parts[i], span.sgr());
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.encode(color));
    }
    return lines;
  }

  void append(String text, String sgr) {
    if (text.isEmpty()) {
      return;
    }
    Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
    if (last == null || !last.sgr.equals(sgr)) {
      last = new Run(sgr);
      runs.add(last);
    }
    last.text.append(text);
    width += Style.width(text);
  }

  int width() {
    return width;
  }

  boolean isEmpty() {
    return width == 0;
  }

  String encode(boolean color) {
    StringBuilder out = new StringBuilder();
    for (Run run : runs) {
      out.append(Style.sgr(run.text.toString(), run.sgr, color));
    }
    return out.toString();
  }

  private static final class Run {
    final String sgr;
    final StringBuilder text = new StringBuilder();

    Run(String sgr) {
      this.sgr = sgr;
    }
  }
}
