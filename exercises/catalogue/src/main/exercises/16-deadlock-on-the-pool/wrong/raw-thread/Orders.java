import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;

public final class Orders {
  private Orders() {}

  public static void total(
      EventLoop loop, int order, LoopOwned<Integer> ratePercent, Callback<Long> done) {
    loop.queueWork(() -> Host.lookup(order), (error, cents) -> {
      if (error != null) {
        done.call(error, null);
        return;
      }
      int rate = ratePercent.get();
      // Step 2 on a thread of its own, so that it never waits behind the pool's queue.
      new Thread(() -> {
        try {
          long total = Host.convert(cents, rate);
          loop.post(() -> done.call(null, total));
        } catch (InterruptedException e) {
          loop.post(() -> done.call(e, null));
        }
      }).start();
    });
  }
}
