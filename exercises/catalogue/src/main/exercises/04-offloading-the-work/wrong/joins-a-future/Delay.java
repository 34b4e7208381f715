import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;

public class Delay {
  static void delay(EventLoop loop, long ms, Runnable callback) {
    // The sleep does run on another thread, but main waits for it with join(): main is blocked
    // exactly as long as if it had slept itself.
    CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).join();
    callback.run();
  }
}
