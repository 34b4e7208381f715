// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import dev.workshop.runtime.Timer;
import java.util.concurrent.CompletableFuture;

/**
 * Calls your Primes.countAsync and shows whether the event loop stayed free while it counted.
 *
 * <p>The first callback starts a repeating timer that prints a dot every 50 ms and counts its dots
 * in a loop-owned value, calls {@code Primes.countAsync}, hooks a continuation onto the future it
 * returns, then prints {@code Counting}. The continuation prints the answer, reads the dot count and
 * cancels the dots: all loop state, so it only works on main. With nothing left to do,
 * {@code loop.run()} returns and the program ends.
 */
public class Host {
  static final int LIMIT = 2_000_000;

  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    // Start the pool's threads now, before the loop runs: on a busy machine starting threads takes
    // a while, and that time belongs to no callback of yours. (The verifier ignores this job.)
    loop.queueWork(() -> null, (error, nothing) -> { });
    LoopOwned<Integer> dotCount = loop.own(0);

    loop.post(() -> {
      // The dots start here, in the same callback that prints Counting: none can come first.
      Timer dots = loop.setInterval(50, () -> {
        dotCount.set(dotCount.get() + 1);
        System.out.print(".");
      });
      CompletableFuture<Integer> answer = Primes.countAsync(loop, LIMIT);
      // whenComplete runs on the thread that completes the future, or right here if it is
      // already complete.
      answer.whenComplete((count, error) -> {
        try {
          int seen = dotCount.get(); // loop state: throws ConfinementError anywhere but main
          dots.cancel();             // loop state too
          System.out.println("Done!");
          if (error != null) {
            throw new IllegalStateException("countAsync failed", error);
          }
          System.out.println("primes below " + LIMIT + ": " + count);
          System.out.println("dots while counting: " + seen);
        } catch (RuntimeException | Error e) {
          // A future keeps what its stages throw to itself, and nobody would ever see it. Hand
          // it to the loop instead, so that it ends the program like an uncaught exception.
          loop.post(() -> {
            throw e;
          });
        }
      });
      System.out.print("Counting");
    });

    loop.run();
  }
}
