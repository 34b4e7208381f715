import dev.workshop.runtime.EventLoop;

public class Delay {
  static void delay(EventLoop loop, long ms, Runnable callback) {
    callback.run();
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
