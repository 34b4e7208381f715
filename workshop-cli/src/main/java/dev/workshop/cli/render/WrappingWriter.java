package dev.workshop.cli.render;

import dev.workshop.cli.Style;
import java.io.IOException;
import java.io.Writer;

/**
 * Breaks the lines written through it at spaces, so that none is wider than the terminal: left to
 * the terminal, a long line is cut wherever the edge falls, in the middle of a word.
 *
 * <p>A continuation line starts with the same indentation as the line it continues. ANSI escapes
 * take no columns, and a style that is on where a line is broken is turned off at its end and on
 * again after the indentation, so that every line carries its own (a pager may show it alone). A line is left as it is when it cannot be broken at a space (a long path) or when
 * it holds a carriage return, which redraws it in place (a progress line). Text is held until the
 * end of its line or a {@link #flush()}, so that a prompt shows before its answer is read; after a
 * flush, the rest of that line continues from where the flushed part ended. Not thread-safe: wrap
 * it in a {@link java.io.PrintWriter}, which synchronises its writes.
 */
public final class WrappingWriter extends Writer {
  private static final char ESC = '\u001b';
  private static final String RESET = "\u001b[0m";

  private final Writer target;
  private final int width;
  private final int hang;
  private final boolean cutWords;
  private final StringBuilder pending = new StringBuilder();
  private boolean enabled = true;

  /** Columns already written on the current line. */
  private int column;

  /** The indentation of the current line, once a character other than a space has shown it. */
  private String indent;

  /** The current line has a carriage return: it is redrawn in place and must not be broken. */
  private boolean redrawn;

  /** The escapes that set the style in effect at the end of what was written, null when none is. */
  private String style;

  /**
   * @param target where the text goes
   * @param width  the terminal's columns; lines are broken to fit in it (at least 10)
   */
  public WrappingWriter(Writer target, int width) {
    this(target, width, 0, false);
  }

  private WrappingWriter(Writer target, int width, int hang, boolean cutWords) {
    this.target = target;
    this.width = Math.max(10, width);
    this.hang = hang;
    this.cutWords = cutWords;
  }

  /**
   * One line broken to fit in {@code width} columns, each continuation indented as the line is
   * plus {@code hang} columns: for code, whose continuation lines must not look like lines of their own.
   */
  public static java.util.List<String> wrap(String line, int width, int hang) {
    return wrap(line, width, hang, false);
  }

  /**
   * Like {@link #wrap(String, int, int)}, but with {@code cutWords} a word wider than the line is
   * cut at the edge rather than left to overflow: for text shown in a pager, which cannot show
   * what passes the edge.
   */
  public static java.util.List<String> wrap(String line, int width, int hang, boolean cutWords) {
    java.io.StringWriter sink = new java.io.StringWriter();
    try (WrappingWriter writer = new WrappingWriter(sink, width, hang, cutWords)) {
      writer.write(line);
    } catch (IOException cannotHappen) {
      throw new java.io.UncheckedIOException(cannotHappen);
    }
    return java.util.List.of(sink.toString().split("\n", -1));
  }

  /** Turns breaking off (for text meant to be copied exactly, such as a shell script) or back on. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      char c = buffer[i];
      if (c == '\n') {
        emit();
        target.write('\n');
        column = 0;
        indent = null;
        redrawn = false;
        style = null;
      } else if (c == '\r') {
        emit();
        target.write('\r');
        column = 0;
        redrawn = true;
      } else {
        pending.append(c);
      }
    }
  }

  @Override
  public void flush() throws IOException {
    emit();
    target.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
    target.close();
  }

  /** Writes the pending text of the current line, broken where it must be. */
  private void emit() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    String rest = pending.toString();
    pending.setLength(0);
    if (indent == null && column == 0) {
      int end = indentLength(rest);
      if (end < rest.length()) {
        indent = " ".repeat(visibleWidth(rest.substring(0, end)));
      }
    }
    String continuation = indent == null ? "" : indent + " ".repeat(hang);
    if (continuation.length() > width / 2) {
      continuation = "";
    }
    while (enabled && !redrawn && column + visibleWidth(rest) > width) {
      int room = width - column;
      int cut = breakAt(rest, room, column == 0 ? indentLength(rest) : 0);
      if (cutWords && (cut < 0 || visibleWidth(rest.substring(0, cut)) > room)) {
        cut = fitting(rest, room);
      }
      if (cut < 0) {
        break;
      }
      String line = rest.substring(0, cut);
      style = styleAfter(style, line);
      target.write(stripTrailingSpaces(line));
      target.write(style == null ? "\n" : RESET + "\n");
      target.write(continuation);
      column = continuation.length();
      rest = stripLeadingSpaces(rest.substring(cut));
      if (style != null && !rest.isEmpty()) {
        target.write(style);
      }
      if (rest.isEmpty()) {
        return;
      }
    }
    style = styleAfter(style, rest);
    target.write(rest);
    column += visibleWidth(rest);
  }

  /** The style in effect after {@code text}, written with {@code style} in effect: null after a reset. */
  private static String styleAfter(String style, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ESC) {
        int end = escapeEnd(text, i);
        String escape = text.substring(i, end + 1);
        if (escape.endsWith("m")) {
          boolean reset = escape.equals(RESET) || escape.equals("\u001b[m");
          style = reset ? null : style == null ? escape : style + escape;
        }
        i = end;
      }
    }
    return style;
  }

  /**
   * Where to break {@code text}: at its last space whose text before it fits in {@code room}
   * columns, or else at its first space (a word wider than the line overflows, but the words after
   * it do not). Spaces of the indentation ({@code skip} characters) are no place to break. -1 when
   * there is no space to break at.
   */
  private static int breakAt(String text, int room, int skip) {
    int columns = 0;
    int last = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ESC) {
        i = escapeEnd(text, i);
        continue;
      }
      if (c == ' ' && i >= skip && columns > 0) {
        if (columns <= room) {
          last = i;
        } else {
          return last >= 0 ? last : i;
        }
      }
      int codePoint = text.codePointAt(i);
      columns += Style.width(codePoint);
      i += Character.charCount(codePoint) - 1;
    }
    return last;
  }

  /** The end of the longest start of {@code text} that fits in {@code room} columns (one code point at least). */
  private static int fitting(String text, int room) {
    int columns = 0;
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == ESC) {
        i = escapeEnd(text, i) + 1;
        continue;
      }
      int codePoint = text.codePointAt(i);
      int w = Style.width(codePoint);
      if (columns + w > room && columns > 0) break;
      columns += w;
      i += Character.charCount(codePoint);
    }
    return i;
  }

  /** Where the indentation of {@code text} ends: after its leading spaces, and any escapes among them. */
  private static int indentLength(String text) {
    int end = 0;
    while (end < text.length()) {
      char c = text.charAt(end);
      if (c == ESC) {
        end = escapeEnd(text, end) + 1;
      } else if (c == ' ' || c == '\t') {
        end++;
      } else {
        break;
      }
    }
    return end;
  }

  private static int escapeEnd(String text, int start) {
    return Style.escapeEnd(text, start);
  }

  /** Columns {@code text} takes on the terminal (see {@link Style#width(String)}). */
  static int visibleWidth(String text) {
    return Style.width(text);
  }

  /** Removes the spaces before the end, keeping any escapes (a reset) that follow them. */
  private static String stripTrailingSpaces(String text) {
    StringBuilder out = new StringBuilder(text);
    int i = out.length() - 1;
    while (i >= 0) {
      char c = out.charAt(i);
      if (c == ' ') {
        out.deleteCharAt(i);
        i--;
      } else if (c == 'm' && escapeStartBefore(out, i) >= 0) {
        i = escapeStartBefore(out, i) - 1;
      } else {
        break;
      }
    }
    return out.toString();
  }

  private static int escapeStartBefore(CharSequence text, int end) {
    int i = end - 1;
    while (i >= 0 && (Character.isDigit(text.charAt(i)) || text.charAt(i) == ';')) i--;
    return i >= 1 && text.charAt(i) == '[' && text.charAt(i - 1) == ESC ? i - 1 : -1;
  }

  private static String stripLeadingSpaces(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == ' ') i++;
    return text.substring(i);
  }
}
