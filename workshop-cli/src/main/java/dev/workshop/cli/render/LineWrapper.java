package dev.workshop.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Word-wraps styled inline text to a number of columns. Whitespace is where lines may break, a
 * {@code '\n'} forces a break, and a word wider than the line is cut.
 */
final class LineWrapper {

  private record Glyph(int codePoint, String sgr) {}

  private final int width;
  private final boolean color;
  private final List<String> lines = new ArrayList<>();
  private final List<Glyph> word = new ArrayList<>();
  private final List<Glyph> pendingSpace = new ArrayList<>();
  private StyledLine line = new StyledLine();

  private LineWrapper(int width, boolean color) {
    this.width = Math.max(1, width);
    this.color = color;
  }

  /** The encoded lines, none wider than {@code width} visible columns and none ending in whitespace. */
  static List<String> wrap(List<Span> spans, int width, boolean color) {
    LineWrapper wrapper = new LineWrapper(width, color);
    for (Span span : spans) {
      span.text().codePoints().forEach(codePoint -> wrapper.accept(codePoint, span.sgr()));
    }
    wrapper.flushWord();
    if (!wrapper.line.isEmpty()) {
      wrapper.breakLine();
    }
    return wrapper.lines;
  }

  private void accept(int codePoint, String sgr) {
    if (codePoint == '\n') {
      flushWord();
      breakLine();
    } else if (Character.isWhitespace(codePoint)) {
      flushWord();
      pendingSpace.add(new Glyph(' ', sgr));
    } else {
      word.add(new Glyph(codePoint, sgr));
    }
  }

  private void flushWord() {
    if (word.isEmpty()) {
      return;
    }
    if (!line.isEmpty() && line.width() + pendingSpace.size() + word.size() > width) {
      breakLine();
    }
    if (!line.isEmpty()) {
      pendingSpace.forEach(this::put);
    }
    pendingSpace.clear();
    for (Glyph glyph : word) {
      if (line.width() == width) {
        breakLine();
      }
      put(glyph);
    }
    word.clear();
  }

  private void put(Glyph glyph) {
    line.append(Character.toString(glyph.codePoint()), glyph.sgr());
  }

  private void breakLine() {
    lines.add(line.encode(color));
    line = new StyledLine();
    pendingSpace.clear();
  }
}
