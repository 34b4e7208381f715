import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;

public class PrimeWorker implements WorkerMain {
  static final long STEP = 100_000;

  /**
   * Counts the primes below {@code limit}, calling {@code tally.update(checked, found)} on main
   * every STEP numbers and once more at the end, with checked == limit.
   *
   * <p>This version counts right here, on main: no dot is printed until it is over. TODO: start a
   * Worker (new Worker(loop, PrimeWorker.class, limit)) that counts in main(WorkerContext) below,
   * keeps its tally in one long[] {checked, found} and posts that same array every STEP numbers;
   * here, on main, hand each tally that arrives to tally.update.
   */
  static void countPrimes(EventLoop loop, int limit, Host.Tally tally) {
    long found = 0;
    for (int n = 0; n < limit; n++) {
      if (isPrime(n)) found++;
      if ((n + 1) % STEP == 0 && n + 1 < limit) tally.update(n + 1, found);
    }
    tally.update(limit, found);
  }

  /** Runs on the worker's own thread, once the worker started. */
  @Override
  public void main(WorkerContext worker) {
    // TODO: the counting goes here
  }

  static boolean isPrime(int n) {
    if (n < 2) return false;
    for (int d = 2; (long) d * d <= n; d++) {
      if (n % d == 0) return false;
    }
    return true;
  }
}
