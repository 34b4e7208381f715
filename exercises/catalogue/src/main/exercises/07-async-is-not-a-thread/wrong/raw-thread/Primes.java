import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;

public class Primes {

  // Main stays free and the future is completed on main through loop.post, but the counting runs
  // on a brand-new Thread made for this call instead of on the pool. The verifier should see
  // Primes.count on a thread that is neither main nor pool-N, started from Primes.countAsync.
  static CompletableFuture<Integer> countAsync(EventLoop loop, int limit) {
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    new Thread(() -> {
      int count = count(limit);
      loop.post(() -> answer.complete(count));
    }).start();
    return answer;
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
