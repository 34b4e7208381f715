import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;

public class Primes {

  // Looks asynchronous: thenApplyAsync with the loop as its executor. But loop::post runs the
  // count as a post callback, on main. The verifier should see main computing in Primes.count,
  // and name this line, not CompletableFuture's, as where the callback was scheduled.
  static CompletableFuture<Integer> countAsync(EventLoop loop, int limit) {
    return CompletableFuture.completedFuture(limit).thenApplyAsync(Primes::count, loop::post);
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
