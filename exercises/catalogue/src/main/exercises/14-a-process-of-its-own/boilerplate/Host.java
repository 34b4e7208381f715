// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;

/**
 * Hands two jobs to your Cruncher and prints, on main, what comes back.
 *
 * <p>Run it as {@code java Host <limit>}. The count job asks for the primes below {@code limit};
 * the crash job ({@link #CRASH}) makes {@link #countPrimes} end the process it runs in with exit
 * code 3, as a program with a bug would. Your code hands each line the child prints, its answer
 * and its crash to the job's {@link Reply}, on main. When nothing is left to do, {@code
 * loop.run()} returns and the program ends.
 */
public class Host {
  /** The crash job: {@code countPrimes(CRASH)} ends the process it runs in with exit code 3. */
  public static final int CRASH = -1;

  /** countPrimes prints a progress line every this many numbers. */
  static final int STEP = 200_000;

  /** Where your code reports one job, on main. */
  public interface Reply {
    /** One line the child printed, without its line end. */
    void line(String line);

    /** The child's answer: how many primes it found. */
    void result(long primes);

    /** The child ended with an exit code other than 0 before it answered. */
    void crashed(int exitCode);
  }

  public static void main(String[] args) {
    int limit = Integer.parseInt(args[0]);
    EventLoop loop = EventLoop.create();
    Cruncher.crunch(loop, limit, new Printer("count", limit));
    Cruncher.crunch(loop, CRASH, new Printer("crash", CRASH));
    loop.run();
  }

  /**
   * The heavy work, for your child process: counts the primes below {@code limit}, printing
   * {@code checked N, P primes} to standard output every {@link #STEP} numbers. {@code
   * countPrimes(CRASH)} prints one line and ends the whole process with exit code 3.
   */
  public static long countPrimes(int limit) {
    if (limit == CRASH) {
      System.out.println("crash job: exiting with code 3");
      System.exit(3);
    }
    long found = 0;
    for (int n = 0; n < limit; n++) {
      if (isPrime(n)) found++;
      if ((n + 1) % STEP == 0 && n + 1 < limit) {
        System.out.println("checked " + (n + 1) + ", " + found + " primes");
      }
    }
    return found;
  }

  static boolean isPrime(int n) {
    if (n < 2) return false;
    for (int d = 2; (long) d * d <= n; d++) {
      if (n % d == 0) return false;
    }
    return true;
  }

  /** Prints one job's replies, prefixed with the job's name. */
  private static final class Printer implements Reply {
    private final String job;
    private final int limit;

    Printer(String job, int limit) {
      this.job = job;
      this.limit = limit;
    }

    @Override
    public void line(String line) {
      System.out.println(job + "> " + line);
    }

    @Override
    public void result(long primes) {
      System.out.println(job + ": " + primes + " primes below " + limit);
    }

    @Override
    public void crashed(int exitCode) {
      System.out.println(job + ": the child crashed with exit code " + exitCode);
    }
  }
}
