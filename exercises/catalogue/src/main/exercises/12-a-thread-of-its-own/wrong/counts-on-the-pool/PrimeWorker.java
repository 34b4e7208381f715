import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;

public class PrimeWorker implements WorkerMain {
  static final long STEP = 100_000;

  // Main stays free and the result is right, but the whole count holds pool-1 for its length:
  // the pool is for short jobs, and there is no progress on the way.
  static void countPrimes(EventLoop loop, int limit, Host.Tally tally) {
    loop.queueWork(
        () -> {
          long found = 0;
          for (int n = 0; n < limit; n++) if (isPrime(n)) found++;
          return found;
        },
        (error, found) -> tally.update(limit, found));
  }

  @Override
  public void main(WorkerContext worker) {}

  static boolean isPrime(int n) {
    if (n < 2) return false;
    for (int d = 2; (long) d * d <= n; d++) {
      if (n % d == 0) return false;
    }
    return true;
  }
}
