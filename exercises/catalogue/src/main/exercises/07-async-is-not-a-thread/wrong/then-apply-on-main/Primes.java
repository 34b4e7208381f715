import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;

public class Primes {

  // Looks asynchronous twice over: a pool job and a thenApply. But the pool job only hands back
  // the limit, and the future it completes is completed on main (in the after-work callback),
  // so the thenApply that counts runs right there, on main. The verifier should see main
  // computing in Primes.count, inside an after-work callback, for a few hundred ms.
  static CompletableFuture<Integer> countAsync(EventLoop loop, int limit) {
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    loop.queueWork(() -> limit, (error, value) -> ready.complete(value));
    return ready.thenApply(Primes::count);
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
