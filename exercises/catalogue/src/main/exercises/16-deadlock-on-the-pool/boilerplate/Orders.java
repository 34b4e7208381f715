import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import java.util.concurrent.CompletableFuture;

public final class Orders {
  private Orders() {}

  /**
   * Looks the order up (step 1), converts its price at the loop's rate (step 2), and calls
   * {@code done} on main with the total, or with the error.
   *
   * <p>It works for one order. Run it with 8 at once and it never finishes: find out why.
   */
  public static void total(
      EventLoop loop, int order, LoopOwned<Integer> ratePercent, Callback<Long> done) {
    loop.queueWork(() -> {
      long cents = Host.lookup(order); // step 1, on a pool thread

      // Step 2 is a pool job of its own. queueWork and the rate belong to main: ask main.
      CompletableFuture<Long> converted = new CompletableFuture<>();
      loop.post(() -> {
        int rate = ratePercent.get();
        loop.queueWork(() -> Host.convert(cents, rate), (error, result) -> {
          if (error != null) converted.completeExceptionally(error);
          else converted.complete(result);
        });
      });
      return converted.join(); // wait here, on the pool thread, for step 2
    }, done::call);
  }
}
