// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Timer;

/**
 * Calls your Delay.delay and shows whether the event loop stayed free meanwhile.
 *
 * <p>Run it as {@code java Host <ms>}. The first callback starts a repeating timer that prints a
 * dot every 50 ms (as long as the loop thread is free, the dots keep coming), calls
 * {@code Delay.delay}, then prints {@code Waiting}. Your callback prints {@code Done!} and cancels the dots; with nothing
 * left to do, {@code loop.run()} returns and the program ends.
 */
public class Host {
  public static void main(String[] args) {
    long ms = Long.parseLong(args[0]);
    EventLoop loop = EventLoop.create();
    // Start the pool's threads now, before the loop runs: on a busy machine starting threads takes
    // a while, and that time belongs to no callback of yours. (The verifier ignores this job.)
    loop.queueWork(() -> null, (error, nothing) -> { });

    loop.post(() -> {
      // The dots start here, in the same callback that prints Waiting: none can come first.
      Timer dots = loop.setInterval(50, () -> System.out.print("."));
      Delay.delay(loop, ms, () -> {
        System.out.println("Done!");
        dots.cancel();
      });
      System.out.print("Waiting");
    });

    loop.run();
  }
}
