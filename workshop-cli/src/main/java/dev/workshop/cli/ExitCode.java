package dev.workshop.cli;

/**
 * The exit codes of every {@code workshop} command. They are part of the contract with scripts and
 * are listed in docs/user-guide.md.
 */
public final class ExitCode {
  /** Success; for {@code verify}, a PASS. */
  public static final int OK = 0;

  /** {@code verify} judged the solution and it does not pass yet. */
  public static final int FAIL = 1;

  /** The command line was wrong: unknown command or option, unknown exercise, bad folder. */
  public static final int USAGE = 2;

  /** The command refused to act: a file would be overwritten, a solution is still locked. */
  public static final int REFUSED = 3;

  /** The workshop could not read or write its files, or something broke inside it. */
  public static final int ERROR = 4;

  /** Interrupted with Ctrl-C. */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
