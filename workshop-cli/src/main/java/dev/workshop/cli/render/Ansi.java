package dev.workshop.cli.render;

import java.util.regex.Pattern;

/** ANSI SGR escapes. Every styled piece ends with a reset, so styles never leak into what follows. */
final class Ansi {

  private static final String RESET = "\u001B[0m";

  private static final Pattern SGR = Pattern.compile("\u001B\\[[0-9;]*m");

  private Ansi() {}

  /** Wraps {@code text} in the SGR parameters {@code sgr} (for example {@code "1;36"}); plain text when colour is off. */
  static String style(String text, String sgr, boolean color) {
    if (!color || sgr.isEmpty() || text.isEmpty()) {
      return text;
    }
    return "\u001B[" + sgr + "m" + text + RESET;
  }

  /** SGR parameters for {@code inner} applied on top of {@code outer}. */
  static String combine(String outer, String inner) {
    if (outer.isEmpty()) {
      return inner;
    }
    return inner.isEmpty() ? outer : outer + ";" + inner;
  }

  static String strip(String text) {
    return SGR.matcher(text).replaceAll("");
  }

  /** Columns {@code text} takes on screen: escapes take none, every code point takes one. */
  static int visibleWidth(String text) {
    String plain = strip(text);
    return plain.codePointCount(0, plain.length());
  }
}
