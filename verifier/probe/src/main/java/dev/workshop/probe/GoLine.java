package dev.workshop.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The verifier's first line on the child's standard input, the word to start:
 * {@code go <classes folder> TAB <learner classes> TAB <host classes> TAB <report port> TAB <token>
 * [TAB fork]}.
 * Class lists are comma-separated; the port is the verifier's loopback socket for the report, and
 * the token (32 hex digits, random per run) is what the probe sends first on it, so that the
 * verifier takes no other connection for the report. Only the probe ever sees this line: the
 * solution gets an empty standard input. The last field, {@code fork}, is there only in the line
 * the probe of a program writes to a JVM that program forks ({@code loop.fork}, {@code
 * Cluster.fork}): that JVM runs under a probe of its own, which reports on a connection of its own.
 *
 * @param classes the folder with the solution's classes, or empty when named otherwise
 * @param learner the learner's top-level classes
 * @param host the exercise's host classes
 * @param port the report socket's port on 127.0.0.1, or 0 for no report
 * @param token the report token, or empty
 * @param forked whether the line is for a forked JVM (its probe watches no verifier on its
 *     standard input and names itself when it connects)
 */
public record GoLine(
    String classes,
    List<String> learner,
    List<String> host,
    int port,
    String token,
    boolean forked) {
  /** The longest line read: a line that never ends must not fill the heap. */
  static final int MAX_LENGTH = 64 * 1024;

  /** The line for these values, without its newline. */
  public static String format(
      String classes, List<String> learner, List<String> host, int port, String token) {
    return format(new GoLine(classes, learner, host, port, token, false));
  }

  /** The line for {@code go}, without its newline. */
  public static String format(GoLine go) {
    return "go "
        + go.classes
        + "\t"
        + String.join(",", go.learner)
        + "\t"
        + String.join(",", go.host)
        + "\t"
        + go.port
        + "\t"
        + go.token
        + (go.forked ? "\tfork" : "");
  }

  /** The same line for a JVM this one forks. */
  public GoLine forFork() {
    return new GoLine(classes, learner, host, port, token, true);
  }

  /**
   * Reads one line, byte by byte, so that nothing past it is taken from the stream.
   *
   * @return the line, or null when the stream ended first or the line is not a go line (the
   *     verifier changed its mind, or nobody sends one: the class-data training run)
   */
  public static GoLine read(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (line.size() < MAX_LENGTH) line.write(b);
    }
    if (b < 0 && line.size() == 0) return null;
    return parse(line.toString(StandardCharsets.UTF_8));
  }

  /** Parses a line; null when it is not a go line. */
  static GoLine parse(String line) {
    if (!line.startsWith("go ")) return null;
    String[] parts = line.substring(3).split("\t", -1);
    int port = 0;
    String token = "";
    if (parts.length >= 5) {
      try {
        port = Integer.parseInt(parts[3]);
      } catch (NumberFormatException e) {
        port = 0;
      }
      token = parts[4];
    }
    return new GoLine(
        parts[0],
        parts.length >= 3 ? list(parts[1]) : List.of(),
        parts.length >= 3 ? list(parts[2]) : List.of(),
        port,
        token,
        parts.length >= 6 && parts[5].equals("fork"));
  }

  /** Whether the line names the learner's and the host's classes. */
  public boolean namesClasses() {
    return !learner.isEmpty() || !host.isEmpty();
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
