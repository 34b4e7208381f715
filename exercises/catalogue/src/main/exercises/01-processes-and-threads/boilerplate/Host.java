// Provided by the exercise: do not change this file. The verifier runs its own copy.

import java.util.Optional;

/**
 * Prints what your Facts class finds out about this process and its threads.
 *
 * <p>Run as {@code java Host}. When started as {@code java Host child}, it plays the child
 * process: a separate JVM that changes its own copy of {@link #value} and says so.
 */
public class Host {
  /** One number in this process's memory. Every process has its own copy. */
  static int value = 0;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      value = value + 1;
      ProcessHandle me = ProcessHandle.current();
      Optional<ProcessHandle> parent = me.parent();
      System.out.println("child saw: " + value + " (child pid " + me.pid() + ", its parent "
          + parent.map(p -> String.valueOf(p.pid())).orElse("unknown") + ")");
      return;
    }

    System.out.println("pid: " + Facts.pid());
    System.out.println("cores: " + Facts.cores());
    System.out.println("main thread: " + Facts.currentThread());
    long total = Facts.countWithTwoThreads(1_000_000);
    System.out.println("shared counter: " + total + " (expected 2000000)");
    long child = Facts.runChild();
    System.out.println("child pid: " + child);
    System.out.println("parent still sees: " + value);
  }
}
