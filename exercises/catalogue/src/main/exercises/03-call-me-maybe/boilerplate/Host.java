// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Timer;

/**
 * Calls your Delay.delay and shows whether the event loop stayed free meanwhile.
 *
 * <p>Run it as {@code java Host <ms>}. A repeating timer prints a dot every 50 ms: as long as the
 * loop thread is free, the dots keep coming. The first callback calls {@code Delay.delay}, then
 * prints {@code Waiting}. Your callback prints {@code Done!} and cancels the dots; with nothing
 * left to do, {@code loop.run()} returns and the program ends.
 */
public class Host {
  public static void main(String[] args) {
    long ms = Long.parseLong(args[0]);
    EventLoop loop = EventLoop.create();

    Timer dots = loop.setInterval(50, () -> System.out.print("."));

    loop.post(() -> {
      Delay.delay(loop, ms, () -> {
        System.out.println("Done!");
        dots.cancel();
      });
      System.out.print("Waiting");
    });

    loop.run();
  }
}
