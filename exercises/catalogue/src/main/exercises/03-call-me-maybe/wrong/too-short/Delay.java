import dev.workshop.runtime.EventLoop;

public class Delay {
  static void delay(EventLoop loop, long ms, Runnable callback) {
    try {
      Thread.sleep(ms / 3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    callback.run();
  }
}
