import dev.workshop.runtime.EventLoop;

public class Delay {
  static void delay(EventLoop loop, long ms, Runnable callback) {
    // The non-blocking way, and a good one: but not this exercise's task, which is to see what
    // waiting right here does to the loop.
    loop.setTimeout(ms, callback);
  }
}
