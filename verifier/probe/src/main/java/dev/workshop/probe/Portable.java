package dev.workshop.probe;

/**
 * Which system the workshop runs on, for the few places that do something Linux- or Unix-only
 * and have a portable path beside it: the probe's clock ({@link ThreadClock}), the child's process
 * group ({@link ProcessGroup}), the pager and the console in the command line.
 *
 * <p>{@code -Dworkshop.portable=true} forces every portable path on Linux, so that tests run them
 * (the clock has its own switch, {@code -Dworkshop.probe.clock=portable}, given to the child).
 */
public final class Portable {
  /** The system property that forces the portable paths: {@code true}. */
  public static final String PROPERTY = "workshop.portable";

  private Portable() {}

  /** Whether the portable paths are forced ({@code -Dworkshop.portable=true}); read at each call. */
  public static boolean forced() {
    return Boolean.getBoolean(PROPERTY);
  }

  /** Whether this is Windows. */
  public static boolean windows() {
    return System.getProperty("os.name", "").regionMatches(true, 0, "Windows", 0, 7);
  }

  /** Whether commands may go through a POSIX {@code sh}: not on Windows, not when forced. */
  public static boolean posixShell() {
    return !windows() && !forced();
  }
}
