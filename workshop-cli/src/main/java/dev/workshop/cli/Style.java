package dev.workshop.cli;

/** The few ANSI styles the runner itself uses outside of lessons. Plain text when colour is off. */
public final class Style {
  private static final String RESET = "\u001b[0m";

  private Style() {}

  /** The text as it is: for code that picks a style at run time. */
  public static String plain(boolean color, String text) {
    return text;
  }

  public static String bold(boolean color, String text) {
    return wrap(color, "1", text);
  }

  public static String success(boolean color, String text) {
    return wrap(color, "1;32", text);
  }

  public static String failure(boolean color, String text) {
    return wrap(color, "1;31", text);
  }

  public static String warning(boolean color, String text) {
    return wrap(color, "1;33", text);
  }

  public static String command(boolean color, String text) {
    return wrap(color, "36", text);
  }

  public static String dim(boolean color, String text) {
    return wrap(color, "2", text);
  }

  private static String wrap(boolean color, String sgr, String text) {
    return color ? "\u001b[" + sgr + "m" + text + RESET : text;
  }
}
