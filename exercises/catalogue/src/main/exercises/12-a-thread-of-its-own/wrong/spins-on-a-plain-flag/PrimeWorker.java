import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Worker;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;

public class PrimeWorker implements WorkerMain {
  static final long STEP = 100_000;
  static volatile boolean done;

  static void countPrimes(EventLoop loop, int limit, Host.Tally tally) {
    Worker worker = new Worker(loop, PrimeWorker.class, limit);
    worker.onMessage(
        message -> {
          long[] t = (long[]) message;
          tally.update(t[0], t[1]);
        });
    // "Wait until the worker has finished", with no call in the loop at all: main spins on the
    // flag for the whole count, and no dot, no message, can come meanwhile.
    while (!done) {}
  }

  @Override
  public void main(WorkerContext worker) {
    int limit = (Integer) worker.workerData();
    long[] tally = new long[2];
    for (int n = 0; n < limit; n++) {
      if (isPrime(n)) tally[1]++;
      tally[0] = n + 1;
      if (tally[0] % STEP == 0 && tally[0] < limit) worker.postMessage(tally);
    }
    worker.postMessage(tally);
    done = true;
  }

  static boolean isPrime(int n) {
    if (n < 2) return false;
    for (int d = 2; (long) d * d <= n; d++) {
      if (n % d == 0) return false;
    }
    return true;
  }
}
