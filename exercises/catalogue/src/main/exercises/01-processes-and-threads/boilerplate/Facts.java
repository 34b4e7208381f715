/** Facts about this process and its threads, for Host to print. */
public class Facts {

  /** This process's id, as the operating system knows it. */
  static long pid() {
    return 0; // TODO
  }

  /** How many processor cores this JVM may use. */
  static int cores() {
    return 0; // TODO
  }

  /** The name of the thread that calls this method. */
  static String currentThread() {
    return "TODO";
  }

  /**
   * Starts two threads that each add 1 to one shared counter, {@code perThread} times; waits for
   * both; returns the counter.
   */
  static long countWithTwoThreads(int perThread) throws InterruptedException {
    return 0; // TODO
  }

  /**
   * Starts this same program again as a new process, {@code java -cp <this classpath> Host
   * child}, lets its output reach the terminal, waits for it to end, and returns its pid.
   */
  static long runChild() throws Exception {
    return 0; // TODO
  }
}
