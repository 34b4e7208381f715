import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;

public class Primes {

  // Counts on the pool, as it should, but completes the future from inside the work, on the pool
  // thread. The host's continuation then runs on that pool thread and reads the loop-owned dot
  // count: ConfinementError on pool-N. The host hands that error to the loop, and the program
  // ends with exit code 1. The verifier should report the confinement violation.
  static CompletableFuture<Integer> countAsync(EventLoop loop, int limit) {
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    loop.queueWork(() -> {
      answer.complete(count(limit));
      return null;
    }, (error, ignored) -> { });
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
