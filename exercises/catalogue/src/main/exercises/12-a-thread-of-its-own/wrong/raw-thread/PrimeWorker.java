import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;

public class PrimeWorker implements WorkerMain {
  static final long STEP = 100_000;

  // A thread of its own, but a plain one: no loop, no messages; each tally goes back to main
  // through loop.post, as values both threads can reach.
  static void countPrimes(EventLoop loop, int limit, Host.Tally tally) {
    new Thread(
            () -> {
              long found = 0;
              for (int n = 0; n < limit; n++) {
                if (isPrime(n)) found++;
                long checked = n + 1;
                long soFar = found;
                if (checked % STEP == 0 && checked < limit)
                  loop.post(() -> tally.update(checked, soFar));
              }
              long all = found;
              loop.post(() -> tally.update(limit, all));
            })
        .start();
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
