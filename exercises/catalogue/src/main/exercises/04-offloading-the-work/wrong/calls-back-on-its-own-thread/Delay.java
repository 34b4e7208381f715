import dev.workshop.runtime.EventLoop;

public class Delay {
  static void delay(EventLoop loop, long ms, Runnable callback) {
    // Sleeps on a brand-new thread, then calls the callback right there, on that thread, instead
    // of handing it back to the loop. The host's callback cancels its timer, which throws
    // IllegalStateException on "Thread-0": the dots never stop and the run times out.
    new Thread(() -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        return;
      }
      callback.run();
    }).start();
  }
}
