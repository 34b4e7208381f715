import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Worker;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;

public class PrimeWorker implements WorkerMain {
  static final long STEP = 100_000;

  // One tally for both threads: the worker counts into it, and only says "look now"; main reads
  // the shared array when the word arrives, by which time the worker has counted on.
  static final long[] TALLY = new long[2];

  static void countPrimes(EventLoop loop, int limit, Host.Tally tally) {
    Worker worker = new Worker(loop, PrimeWorker.class, limit);
    worker.onMessage(message -> tally.update(TALLY[0], TALLY[1]));
  }

  @Override
  public void main(WorkerContext worker) {
    int limit = (Integer) worker.workerData();
    for (int n = 0; n < limit; n++) {
      if (isPrime(n)) TALLY[1]++;
      TALLY[0] = n + 1;
      if (TALLY[0] % STEP == 0 && TALLY[0] < limit) worker.postMessage("look now");
    }
    worker.postMessage("look now");
  }

  static boolean isPrime(int n) {
    if (n < 2) return false;
    for (int d = 2; (long) d * d <= n; d++) {
      if (n % d == 0) return false;
    }
    return true;
  }
}
