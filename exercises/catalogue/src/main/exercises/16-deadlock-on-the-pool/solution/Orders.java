import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;

public final class Orders {
  private Orders() {}

  /**
   * Looks the order up (step 1), converts its price at the loop's rate (step 2), and calls
   * {@code done} on main with the total, or with the error.
   *
   * <p>A chain of callbacks: no pool thread ever waits. Step 1's job returns as soon as the price
   * is known, and gives its thread back to the pool. Its after-work callback runs on main, where
   * the rate may be read and queueWork may be called, and queues step 2 as a job of its own. While
   * an order is between its steps it holds no thread at all, so 8 orders, or 8000, only queue up
   * and take their turn on the 4 pool threads.
   */
  public static void total(
      EventLoop loop, int order, LoopOwned<Integer> ratePercent, Callback<Long> done) {
    loop.queueWork(() -> Host.lookup(order), (error, cents) -> { // step 1 on the pool
      // Back on main.
      if (error != null) {
        done.call(error, null);
        return;
      }
      int rate = ratePercent.get(); // main may read the loop's values; the pool may not
      loop.queueWork(() -> Host.convert(cents, rate), done::call); // step 2 on the pool
    });
  }
}
