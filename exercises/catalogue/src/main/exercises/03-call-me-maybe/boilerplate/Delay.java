import dev.workshop.runtime.EventLoop;

public class Delay {

  /**
   * Waits {@code ms} milliseconds, then runs {@code callback}.
   *
   * @param loop the event loop of the program (you will not need it yet)
   * @param ms how long to wait, in milliseconds
   * @param callback what to run once the time is up
   */
  static void delay(EventLoop loop, long ms, Runnable callback) {
    // TODO: wait ms milliseconds right here, with Thread.sleep, then run the callback.
  }
}
