import dev.workshop.runtime.EventLoop;

public class Delay {

  /**
   * Waits {@code ms} milliseconds on a pool thread, then runs {@code callback} on the loop
   * thread.
   *
   * <p>queueWork is libuv's uv_queue_work: the first lambda runs on one of the pool's threads
   * (pool-1 ... pool-4), so the sleep parks that thread and main stays free to print dots. When
   * the work returns, the runtime hands the second lambda back to the loop, which runs it on
   * main like any other callback: that is where the callback may touch the loop's timers.
   */
  static void delay(EventLoop loop, long ms, Runnable callback) {
    loop.queueWork(
        () -> {               // pool thread: the slow part, and nothing else
          Thread.sleep(ms);
          return null;        // nothing to hand back but "the time is up"
        },
        (error, ignored) -> { // main again, once the sleep is over
          if (error != null) {
            // The sleep was interrupted: the time is not up, so don't pretend it is. Throwing
            // here is an uncaught error, which ends the program as it would in Node.
            throw new IllegalStateException("delay failed", error);
          }
          callback.run();
        });
  }
}
