package dev.workshop.cli;

/**
 * A problem to report to the learner in one line, with the exit code that goes with it. The
 * message says what went wrong and what to do; it never needs a stack trace.
 */
public class WorkshopException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public WorkshopException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public WorkshopException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static WorkshopException usage(String message) {
    return new WorkshopException(ExitCode.USAGE, message);
  }

  public static WorkshopException refused(String message) {
    return new WorkshopException(ExitCode.REFUSED, message);
  }
}
