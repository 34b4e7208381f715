import dev.workshop.runtime.EventLoop;

public class Delay {
  static void delay(EventLoop loop, long ms, Runnable callback) {
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
