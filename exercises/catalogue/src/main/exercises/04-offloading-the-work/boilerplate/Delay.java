import dev.workshop.runtime.EventLoop;

public class Delay {

  /**
   * Waits {@code ms} milliseconds, then runs {@code callback} on the loop thread.
   *
   * <p>This is the naive version from CALL ME MAYBE: it sleeps on the loop thread, so no dot
   * is printed while it waits. TODO: move the sleep to the thread pool with loop.queueWork, and
   * run the callback once the work is done.
   *
   * @param loop the event loop of the program
   * @param ms how long to wait, in milliseconds
   * @param callback what to run once the time is up, on the loop thread
   */
  static void delay(EventLoop loop, long ms, Runnable callback) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("delay was interrupted", e);
    }
    callback.run();
  }
}
