import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import dev.workshop.runtime.ThreadPool;
import java.util.concurrent.CompletableFuture;

public final class Orders {
  private Orders() {}

  static {
    ThreadPool.setSize(16); // room for 8 waiting first steps and their 8 second steps
  }

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
      return converted.join();
    }, done::call);
  }
}
