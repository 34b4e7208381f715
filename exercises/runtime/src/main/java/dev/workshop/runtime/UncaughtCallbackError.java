package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A loop callback threw an exception that nothing caught, so {@link EventLoop#run()} stopped and
 * threw this error. Its {@linkplain #getCause() cause} is the exception your callback threw.
 *
 * <p>This is Node.js's "uncaught exception": a throw inside a callback ends the program with
 * your stack trace on stderr and exit code 1. Here the same happens if you let this error leave
 * {@code main}: Java prints it (through {@link #printStackTrace(PrintStream)}) and the JVM exits
 * with code 1. The printed stack shows <em>your</em> frames only: the runtime's own frames
 * ({@code dev.workshop.runtime.*}) and Java's reflection frames are left out. To see every frame,
 * run with {@code -Dworkshop.fullStack=true} or with the environment variable
 * {@code WORKSHOP_FULL_STACK=1}.
 *
 * <p>One difference from Node: Java waits for your own non-daemon threads before it exits. Call
 * {@link #exit()} to stop at once, exactly like Node:
 *
 * <pre>{@code
 * try {
 *   loop.run();
 * } catch (UncaughtCallbackError e) {
 *   e.exit(); // prints the stack, exit code 1
 * }
 * }</pre>
 */
public final class UncaughtCallbackError extends Error {
  private static final long serialVersionUID = 1L;

  /** The exit code of a program that ends with an uncaught callback error: 1, as in Node.js. */
  public static final int EXIT_CODE = 1;

  /** "an after-work", "a timer", "an HTTP": the kind as a learner reads it, with its article. */
  private static String describe(CallbackKind kind) {
    if (kind == null) return "a loop";
    String name =
        switch (kind) {
          case IO, HTTP, FS -> kind.name();
          default -> kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        };
    return ("aeiouAEIOUHF".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }

  /** What kind of callback threw; see {@link #kind()}. */
  private final CallbackKind kind;

  /** The loop thread's name, kept instead of the thread itself so that the error can be serialized. */
  private final String threadName;

  UncaughtCallbackError(CallbackKind kind, Thread thread, Throwable cause) {
    super(
        describe(kind)
            + " callback threw "
            + cause
            + " on thread \""
            + thread.getName()
            + "\", so the event loop stopped",
        cause,
        false,
        false);
    this.kind = kind;
    this.threadName = thread.getName();
  }

  /**
   * What kind of callback threw.
   *
   * @return the callback kind, for example {@code TIMER} or {@code AFTER_WORK}
   */
  public CallbackKind kind() {
    return kind;
  }

  /**
   * The name of the loop thread the callback ran on.
   *
   * @return the thread name, usually {@code main}
   */
  public String threadName() {
    return threadName;
  }

  /**
   * The text printed for this error: a headline, then your exception and its stack trace with
   * runtime and reflection frames left out (unless full stacks were asked for).
   *
   * @return the report, ending with a line break
   */
  public String report() {
    return report(fullStackRequested());
  }

  /**
   * The report, with every frame or with the runtime's frames left out.
   *
   * @param fullStack {@code true} for every frame
   * @return the report, ending with a line break
   */
  public String report(boolean fullStack) {
    StringBuilder out = new StringBuilder(512);
    out.append(this).append(System.lineSeparator());
    Throwable cause = getCause();
    if (fullStack) {
      StringWriter sw = new StringWriter();
      cause.printStackTrace(new PrintWriter(sw));
      out.append(sw);
      return out.toString();
    }
    int hidden = 0;
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = cause; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t != cause) out.append("Caused by: ");
      out.append(t).append(System.lineSeparator());
      for (StackTraceElement frame : t.getStackTrace()) {
        if (isHidden(frame)) {
          hidden++;
        } else {
          out.append("\tat ").append(frame).append(System.lineSeparator());
        }
      }
    }
    if (hidden > 0) {
      out.append("\t(")
          .append(hidden)
          .append(
              " runtime and reflection frames hidden;"
                  + " run with -Dworkshop.fullStack=true or WORKSHOP_FULL_STACK=1 to see them)")
          .append(System.lineSeparator());
    }
    return out.toString();
  }

  /** Prints {@link #report()}: this is what Java shows when the error leaves {@code main}. */
  @Override
  public void printStackTrace(PrintStream s) {
    s.print(report());
    s.flush();
  }

  /** Prints {@link #report()}. */
  @Override
  public void printStackTrace(PrintWriter s) {
    s.print(report());
    s.flush();
  }

  /**
   * Ends the program the way Node.js does on an uncaught exception: prints {@link #report()} to
   * stderr and exits the JVM with code {@link #EXIT_CODE}, without waiting for other threads.
   */
  public void exit() {
    System.err.print(report());
    System.err.flush();
    System.exit(EXIT_CODE);
  }

  /**
   * Whether full stacks were asked for: system property {@code workshop.fullStack=true} or
   * environment variable {@code WORKSHOP_FULL_STACK=1} (or {@code true}).
   *
   * @return {@code true} when every frame should be printed
   */
  public static boolean fullStackRequested() {
    if (Boolean.getBoolean("workshop.fullStack")) return true;
    String env = System.getenv("WORKSHOP_FULL_STACK");
    return env != null && (env.equals("1") || env.equalsIgnoreCase("true"));
  }

  static boolean isHidden(StackTraceElement frame) {
    String c = frame.getClassName();
    return c.startsWith("dev.workshop.runtime.")
        || c.startsWith("jdk.internal.reflect.")
        || c.startsWith("sun.reflect.")
        || c.startsWith("java.lang.reflect.")
        || c.startsWith("java.lang.invoke.");
  }
}
