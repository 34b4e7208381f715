import dev.workshop.runtime.EventLoop;

public class Delay {

  /**
   * Waits {@code ms} milliseconds, then runs {@code callback}: the naive way.
   *
   * <p>Thread.sleep parks the thread that calls it. Here that thread is main, the loop thread,
   * so for {@code ms} milliseconds the loop can run nothing else: no dots, no timers, no
   * requests. The callback then runs before delay even returns, which is why the host prints
   * "Done!" before "Waiting". The next exercise moves the sleep to the thread pool.
   */
  static void delay(EventLoop loop, long ms, Runnable callback) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      // Someone asked this thread to stop: keep the flag set for them and give up, without
      // pretending that the time is up.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("delay was interrupted", e);
    }
    callback.run();
  }
}
