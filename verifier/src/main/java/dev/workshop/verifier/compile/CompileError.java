package dev.workshop.verifier.compile;

/**
 * One compiler error, located in the learner's folder.
 *
 * @param file the file name, relative to the solution folder ({@code Delay.java})
 * @param line the line, from 1; 0 when the error has no position
 * @param column the column, from 1; 0 when unknown
 * @param message the compiler's message, possibly several lines
 * @param sourceLine the text of that line, or empty
 * @param advice a friendlier word for a common mistake, or empty
 */
public record CompileError(
    String file, long line, long column, String message, String sourceLine, String advice) {

  /** The error as javac would print it, with the caret under the column and any advice after. */
  public String format() {
    StringBuilder b = new StringBuilder();
    b.append(file);
    if (line > 0) b.append(':').append(line);
    if (column > 0) b.append(':').append(column);
    b.append(": error: ").append(message.strip());
    if (!sourceLine.isEmpty()) {
      b.append('\n').append(sourceLine.replace('\t', ' '));
      if (column > 0) b.append('\n').append(" ".repeat((int) Math.max(0, column - 1))).append('^');
    }
    if (!advice.isEmpty()) b.append('\n').append(advice);
    return b.toString();
  }
}
