package dev.workshop.cli;

import java.util.Map;

/**
 * What we know about where our output goes: is it a terminal, how wide, colour or not, and
 * whether stderr may get a line that rewrites itself ({@code rewritesLines}: carriage return and
 * erase-line, for a progress line; only for a terminal on both stdout and stderr whose
 * {@code TERM} is set and not {@code dumb}).
 *
 * <p>The launcher script measures the terminal before starting the JVM and passes it in system
 * properties ({@code workshop.tty.out}, {@code workshop.tty.in}, {@code workshop.tty.err},
 * {@code workshop.columns}, {@code workshop.rows}): the shell knows in a millisecond what would
 * cost the JVM a terminal library's start-up. Without them (tests, {@code java -jar}) we assume no
 * terminal.
 */
public record TerminalInfo(
    boolean stdoutIsTerminal,
    boolean stdinIsTerminal,
    int columns,
    int rows,
    boolean color,
    boolean rewritesLines) {
  public static final int DEFAULT_COLUMNS = 80;
  public static final int DEFAULT_ROWS = 24;

  /** A terminal as before stderr was told apart: lines may be rewritten when stdout is a terminal. */
  public TerminalInfo(
      boolean stdoutIsTerminal, boolean stdinIsTerminal, int columns, int rows, boolean color) {
    this(stdoutIsTerminal, stdinIsTerminal, columns, rows, color, stdoutIsTerminal);
  }

  /** Plain output for tests and pipes: not a terminal, 80 columns, no colour. */
  public static TerminalInfo plain() {
    return new TerminalInfo(false, false, DEFAULT_COLUMNS, DEFAULT_ROWS, false, false);
  }

  /** Reads the launcher's properties and the environment ({@code NO_COLOR}, {@code TERM}, {@code COLUMNS}). */
  public static TerminalInfo detect(Map<String, String> env) {
    return detect(env, System::getProperty);
  }

  /**
   * As {@link #detect(Map)}, with the launcher's properties read from {@code properties} (a
   * property's name to its value, or null) rather than the JVM's system properties: for tests,
   * which may not change what every other command of the JVM reads.
   */
  public static TerminalInfo detect(
      Map<String, String> env, java.util.function.UnaryOperator<String> properties) {
    boolean out = Boolean.parseBoolean(properties.apply("workshop.tty.out"));
    boolean in = Boolean.parseBoolean(properties.apply("workshop.tty.in"));
    int columns =
        positive(
            properties.apply("workshop.columns"), positive(env.get("COLUMNS"), DEFAULT_COLUMNS));
    int rows =
        positive(properties.apply("workshop.rows"), positive(env.get("LINES"), DEFAULT_ROWS));
    // https://no-color.org: any non-empty value turns colour off.
    boolean noColor =
        env.getOrDefault("NO_COLOR", "").length() > 0 || "dumb".equals(env.get("TERM"));
    // A dumb terminal (or none named) takes no cursor movement; a pipe or a file takes none either.
    String term = env.getOrDefault("TERM", "");
    boolean rewrites =
        out
            && Boolean.parseBoolean(properties.apply("workshop.tty.err"))
            && !term.isBlank()
            && !"dumb".equals(term);
    return new TerminalInfo(out, in, columns, rows, out && !noColor, rewrites);
  }

  public TerminalInfo withoutColor() {
    return new TerminalInfo(stdoutIsTerminal, stdinIsTerminal, columns, rows, false, rewritesLines);
  }

  /** Both ends are a terminal: we may ask questions and read keys. */
  public boolean interactive() {
    return stdoutIsTerminal && stdinIsTerminal;
  }

  private static int positive(String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      return n > 0 ? n : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
