import java.util.concurrent.atomic.AtomicLong;

/** Facts about this process and its threads, for Host to print. */
public class Facts {

  /** This process's id, as the operating system knows it. */
  static long pid() {
    // The pid belongs to the whole process: every thread in it would print the same number.
    return ProcessHandle.current().pid();
  }

  /** How many processor cores this JVM may use. */
  static int cores() {
    // What the JVM may use, which a container or CPU affinity can make smaller than the machine.
    return Runtime.getRuntime().availableProcessors();
  }

  /** The name of the thread that calls this method. */
  static String currentThread() {
    return Thread.currentThread().getName();
  }

  /**
   * Starts two threads that each add 1 to one shared counter, {@code perThread} times; waits for
   * both; returns the counter.
   */
  static long countWithTwoThreads(int perThread) throws InterruptedException {
    // One object on the heap, seen by both threads. AtomicLong makes each "read, add 1, write"
    // a single step; with a plain long field, the two threads would overwrite each other's
    // additions and the total would come out short.
    AtomicLong counter = new AtomicLong();
    Runnable addMany = () -> {
      for (int i = 0; i < perThread; i++) {
        counter.incrementAndGet();
      }
    };
    Thread first = new Thread(addMany, "adder-1");
    Thread second = new Thread(addMany, "adder-2");
    first.start();
    second.start();
    // Blocking main is fine here: no event loop is running yet, and we need both totals.
    first.join();
    second.join();
    return counter.get();
  }

  /**
   * Starts this same program again as a new process, {@code java -cp <this classpath> Host
   * child}, lets its output reach the terminal, waits for it to end, and returns its pid.
   */
  static long runChild() throws Exception {
    // The same java executable and the same classpath: a second, independent JVM.
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath = System.getProperty("java.class.path");
    Process child = new ProcessBuilder("sh", "-c", "echo \"child saw: 1 (child pid $$, its parent $PPID)\"")
        .inheritIO() // the child writes straight to our standard output and error
        .start();
    int exitCode = child.waitFor();
    if (exitCode != 0) {
      throw new IllegalStateException("the child process exited with code " + exitCode);
    }
    return child.pid();
  }
}
