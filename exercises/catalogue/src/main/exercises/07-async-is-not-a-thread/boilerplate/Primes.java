import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;

public class Primes {

  /**
   * Counts the primes below {@code limit} without holding up the loop. The future it returns
   * completes later, on the loop thread, with the count.
   *
   * <p>TODO: this version only looks asynchronous. It returns a CompletableFuture, but the
   * counting happens right here, on the calling thread (main), before the future even exists.
   * Move the counting to the thread pool, and complete the future back on main.
   *
   * @param loop the event loop of the program
   * @param limit count the primes from 2 up to limit - 1
   * @return a future that completes with the count, on the loop thread
   */
  static CompletableFuture<Integer> countAsync(EventLoop loop, int limit) {
    return CompletableFuture.completedFuture(count(limit));
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
