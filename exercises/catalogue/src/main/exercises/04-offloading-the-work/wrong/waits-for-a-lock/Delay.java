import dev.workshop.runtime.EventLoop;

public class Delay {
  private static final Object LOCK = new Object();
  private static volatile boolean sleeping;

  static void delay(EventLoop loop, long ms, Runnable callback) {
    // The sleep runs on the pool, holding a lock...
    loop.queueWork(() -> {
      synchronized (LOCK) {
        sleeping = true;
        Thread.sleep(ms);
      }
      return null;
    }, (error, ignored) -> { });
    while (!sleeping) {
      Thread.onSpinWait(); // a millisecond or so, until the pool thread holds the lock
    }
    // ...and main then wants the same lock: it is stuck at "synchronized" (thread state BLOCKED)
    // until the pool thread lets go, about ms later.
    synchronized (LOCK) {
      callback.run();
    }
  }
}
