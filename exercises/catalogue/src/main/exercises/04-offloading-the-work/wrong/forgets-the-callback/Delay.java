import dev.workshop.runtime.EventLoop;

public class Delay {
  static void delay(EventLoop loop, long ms, Runnable callback) {
    loop.queueWork(() -> {
      Thread.sleep(ms);
      return null;
    }, (error, ignored) -> {
      // The work is done, but the callback is never run: no "Done!", and the dots go on forever.
    });
  }
}
