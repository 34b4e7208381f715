import dev.workshop.runtime.EventLoop;

public class Delay {
  static void delay(EventLoop loop, long ms, Runnable callback) {
    // Main stays free and the callback comes back through post, but each call makes a brand-new
    // thread instead of using the pool.
    new Thread(() -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        return;
      }
      loop.post(callback);
    }).start();
  }
}
