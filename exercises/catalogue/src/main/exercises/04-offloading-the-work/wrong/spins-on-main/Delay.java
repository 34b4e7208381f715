import dev.workshop.runtime.EventLoop;

public class Delay {
  static void delay(EventLoop loop, long ms, Runnable callback) {
    // Busy-waits on main instead of sleeping: still main's time, and a CPU core at 100 %.
    long end = System.nanoTime() + ms * 1_000_000L;
    double x = 0;
    while (System.nanoTime() < end) {
      x += Math.sqrt(x + 1);
    }
    if (x < 0) System.out.println(x); // keeps the loop from being optimised away
    callback.run();
  }
}
