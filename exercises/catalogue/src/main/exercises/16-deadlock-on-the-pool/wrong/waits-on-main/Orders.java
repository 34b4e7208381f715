import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import java.util.concurrent.CompletableFuture;

public final class Orders {
  private Orders() {}

  public static void total(
      EventLoop loop, int order, LoopOwned<Integer> ratePercent, Callback<Long> done) {
    // No pool thread waits any more: main does, for step 1.
    CompletableFuture<Long> looked = new CompletableFuture<>();
    loop.queueWork(() -> {
      long cents = Host.lookup(order);
      looked.complete(cents);
      return cents;
    }, (error, ignored) -> { });
    long cents = looked.join();
    int rate = ratePercent.get();
    loop.queueWork(() -> Host.convert(cents, rate), done::call);
  }
}
