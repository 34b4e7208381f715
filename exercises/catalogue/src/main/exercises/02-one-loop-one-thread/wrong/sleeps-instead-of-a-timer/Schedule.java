import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Timer;
import java.util.concurrent.atomic.AtomicReference;

public class Schedule {

  /**
   * Schedules the callbacks listed in the lesson's Task, in that order. Nothing runs yet: this
   * method only fills the loop's timer heap and queue, on main. Everything happens later, one
   * callback at a time, inside loop.run(), still on main.
   */
  static void start(EventLoop loop) {
    loop.post(() -> {
      try {
        Thread.sleep(500); // "wait 500 ms" by sleeping on main: nothing else can run meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Host.log("timeout 500");
    });

    // Due at once, but timers run first in each iteration: this beats the post below.
    loop.setTimeout(0, () -> Host.log("timeout 0"));

    loop.post(() -> Host.log("post"));

    // A lambda cannot name the Timer that setInterval is about to return, so the timer goes into
    // a holder the callback can read. Counting needs no lock: every tick runs on main.
    AtomicReference<Timer> ticker = new AtomicReference<>();
    int[] ticks = {0};
    ticker.set(loop.setInterval(100, () -> {
      ticks[0]++;
      Host.log("tick " + ticks[0]);
      if (ticks[0] == 3) {
        ticker.get().cancel(); // without this, the loop would never run out of work
      }
    }));

    loop.setTimeout(150, () -> {
      Host.log("timeout 150");
      // Scheduled first, but a timer made by a timer waits for the next iteration...
      loop.setTimeout(0, () -> Host.log("timeout 0 from timeout 150"));
      // ...while a post made by a timer runs in this one, right after the timers.
      loop.post(() -> Host.log("post from timeout 150"));
    });

    // unref: "don't keep the loop alive for me". The loop runs out of work at 500 ms, so this
    // never fires.
    loop.setTimeout(1000, () -> Host.log("too late")).unref();
  }
}
