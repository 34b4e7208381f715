import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;

public class Primes {

  // The shape of the OFFLOADING THE WORK answer, copied as it was: the work returns null and the
  // after-work callback ignores the result, so the future completes on main, at the right time,
  // with null. Threads and timing are fine; the host prints "primes below 2000000: null". The
  // verifier should report a wrong result.
  static CompletableFuture<Integer> countAsync(EventLoop loop, int limit) {
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    loop.queueWork(() -> {
      count(limit);
      return null;
    }, (error, ignored) -> answer.complete(null));
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
