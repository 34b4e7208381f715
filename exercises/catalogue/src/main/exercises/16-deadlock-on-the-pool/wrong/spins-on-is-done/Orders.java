import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import java.util.concurrent.CompletableFuture;

public final class Orders {
  private Orders() {}

  public static void total(
      EventLoop loop, int order, LoopOwned<Integer> ratePercent, Callback<Long> done) {
    loop.queueWork(() -> {
      long cents = Host.lookup(order);
      CompletableFuture<Long> converted = new CompletableFuture<>();
      loop.post(() -> {
        int rate = ratePercent.get();
        loop.queueWork(() -> Host.convert(cents, rate), (error, result) -> {
          if (error != null) converted.completeExceptionally(error);
          else converted.complete(result);
        });
      });
      while (!converted.isDone()) { // no join: ask until it is done
        Thread.onSpinWait();
      }
      return converted.getNow(-1L);
    }, done::call);
  }
}
