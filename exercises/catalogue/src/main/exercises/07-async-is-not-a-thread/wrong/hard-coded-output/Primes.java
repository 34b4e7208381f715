import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;

public class Primes {

  /**
   * Counts the primes below {@code limit} on a pool thread; the future completes on the loop
   * thread, with the count.
   *
   * <p>A CompletableFuture is only a box for a result that may come later. It runs nothing by
   * itself, on no thread of its own. Two things decide the threads: who computes the result
   * (here the pool, through queueWork) and who calls complete (here main, in the after-work
   * callback). Whatever the caller hooked onto the future (whenComplete, thenApply...) runs on
   * the thread that calls complete, so completing on main is what lets the host's
   * continuation touch the loop's timers and loop-owned values.
   */
  static CompletableFuture<Integer> countAsync(EventLoop loop, int limit) {
    // An empty box, returned at once: the caller hooks its continuation onto it and goes on.
    CompletableFuture<Integer> answer = new CompletableFuture<>();

    loop.queueWork(
        () -> 148933,                 // the known answer: count never runs at all
        (error, count) -> {           // main, once the count is known
          if (error != null) {
            answer.completeExceptionally(error);
          } else {
            answer.complete(count);   // runs the caller's continuation, here, on main
          }
        });

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
