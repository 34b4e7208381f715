package dev.workshop.cli;

import java.util.regex.Pattern;
import org.jline.utils.WCWidth;

/**
 * The one place that writes and measures styled text: ANSI SGR escapes, and the columns text takes
 * on a terminal. Every styled piece ends with a reset, so a style never leaks into what follows;
 * with colour off, text is returned as it is.
 *
 * <p>Widths are display widths, as a terminal draws them (JLine's {@code WCWidth}, after Markus
 * Kuhn's {@code wcwidth}): a CJK ideograph or an emoji takes 2 columns, a combining accent 0,
 * an escape sequence 0.
 */
public final class Style {
  private static final String RESET = "\u001b[0m";
  private static final char ESC = '\u001b';
  private static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;]*m");

  private Style() {}

  /** The text as it is: for code that picks a style at run time. */
  public static String plain(boolean color, String text) {
    return text;
  }

  public static String bold(boolean color, String text) {
    return sgr(text, "1", color);
  }

  public static String success(boolean color, String text) {
    return sgr(text, "1;32", color);
  }

  public static String failure(boolean color, String text) {
    return sgr(text, "1;31", color);
  }

  public static String warning(boolean color, String text) {
    return sgr(text, "1;33", color);
  }

  public static String command(boolean color, String text) {
    return sgr(text, "36", color);
  }

  public static String dim(boolean color, String text) {
    return sgr(text, "2", color);
  }

  /**
   * Wraps {@code text} in the SGR parameters {@code sgr} (for example {@code "1;36"}) and a reset;
   * plain text when colour is off, {@code sgr} is empty or {@code text} is.
   */
  public static String sgr(String text, String sgr, boolean color) {
    if (!color || sgr.isEmpty() || text.isEmpty()) {
      return text;
    }
    return "\u001b[" + sgr + "m" + text + RESET;
  }

  /** SGR parameters for {@code inner} applied on top of {@code outer}. */
  public static String combine(String outer, String inner) {
    if (outer.isEmpty()) {
      return inner;
    }
    return inner.isEmpty() ? outer : outer + ";" + inner;
  }

  /** {@code text} without its SGR escapes. */
  public static String strip(String text) {
    return SGR.matcher(text).replaceAll("");
  }

  /** Columns {@code text} takes on a terminal: escape sequences none, other code points theirs. */
  public static int width(String text) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      if (text.charAt(i) == ESC) {
        i = escapeEnd(text, i) + 1;
        continue;
      }
      int codePoint = text.codePointAt(i);
      columns += width(codePoint);
      i += Character.charCount(codePoint);
    }
    return columns;
  }

  /** Columns one code point takes: 2 for a wide one (CJK, emoji), 0 for a combining or control one. */
  public static int width(int codePoint) {
    return Math.max(0, WCWidth.wcwidth(codePoint));
  }

  /**
   * The index of the last character of the escape sequence that starts at {@code start} (where
   * {@code text} holds an ESC): the final byte of a CSI sequence ({@code ESC [ ... m}), else the
   * character after the ESC.
   */
  public static int escapeEnd(String text, int start) {
    int i = start + 1;
    if (i < text.length() && text.charAt(i) == '[') {
      i++;
      while (i < text.length() && (text.charAt(i) < '@' || text.charAt(i) > '~')) i++;
      return Math.min(i, text.length() - 1);
    }
    return Math.min(i, text.length() - 1);
  }
}
