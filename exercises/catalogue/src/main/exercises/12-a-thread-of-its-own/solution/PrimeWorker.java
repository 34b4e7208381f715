import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Worker;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;

public class PrimeWorker implements WorkerMain {
  static final long STEP = 100_000;

  /**
   * On main: starts a worker that counts, and hands each tally it posts to {@code tally.update}.
   * Both calls return at once, so main goes back to its loop and the dots keep coming.
   */
  static void countPrimes(EventLoop loop, int limit, Host.Tally tally) {
    // workerData is copied to the worker like a message: the limit arrives as an Integer.
    Worker worker = new Worker(loop, PrimeWorker.class, limit);
    // Runs on main, once per message, in the order the worker posted them. What arrives is a
    // copy of the worker's array, made when it posted: the worker has counted on since.
    worker.onMessage(
        message -> {
          long[] t = (long[]) message;
          tally.update(t[0], t[1]);
        });
    // No terminate() needed: when main(WorkerContext) returns, the worker's loop has nothing left
    // to do, its thread ends, and the loop on main has nothing left either once the last message
    // and the exit were delivered.
  }

  /** On worker-1, a thread of its own with a loop of its own: main never waits for it. */
  @Override
  public void main(WorkerContext worker) {
    int limit = (Integer) worker.workerData();
    long[] tally = new long[2]; // {checked, found}: one array, changed in place
    for (int n = 0; n < limit; n++) {
      if (isPrime(n)) tally[1]++;
      tally[0] = n + 1;
      if (tally[0] % STEP == 0 && tally[0] < limit) {
        // postMessage copies the array now (Node's structured clone): the next line of counting
        // changes ours, never the copy main will get.
        worker.postMessage(tally);
      }
    }
    worker.postMessage(tally); // checked == limit: the result
  }

  static boolean isPrime(int n) {
    if (n < 2) return false;
    for (int d = 2; (long) d * d <= n; d++) {
      if (n % d == 0) return false;
    }
    return true;
  }
}
