import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;

public class Primes {

  // Counts on another thread (supplyAsync's default: the common ForkJoinPool, or a new thread per
  // task on a machine with 2 cores or fewer), then waits for it with join() on main, and wraps
  // the number in a finished future. The verifier should see main waiting on a future in
  // Primes.countAsync for a few hundred ms, and no dots meanwhile.
  static CompletableFuture<Integer> countAsync(EventLoop loop, int limit) {
    CompletableFuture<Integer> counting = CompletableFuture.supplyAsync(() -> count(limit));
    return CompletableFuture.completedFuture(counting.join());
  }

  /**
   * Counts the primes below {@code limit} by trial division: slow on purpose, a few hundred
   * milliseconds of pure computing for a limit of two million. Plain data in, plain data out: it
   * may run on any thread. Don't change it: the verifier knows its answer, and watches for it on
   * main.
   */
  static int count(int limit) {
    int count = 0;
    for (int n = 2; n < limit; n++) {
      boolean prime = true;
      for (int d = 2; d * d <= n; d++) {
        if (n % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        count++;
      }
    }
    return count;
  }
}
