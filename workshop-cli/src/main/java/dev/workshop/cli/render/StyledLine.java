package dev.workshop.cli.render;

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
    width += text.codePointCount(0, text.length());
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
      out.append(Ansi.style(run.text.toString(), run.sgr, color));
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
