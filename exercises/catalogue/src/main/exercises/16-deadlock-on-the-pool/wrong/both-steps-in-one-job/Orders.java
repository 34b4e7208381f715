import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;

public final class Orders {
  private Orders() {}

  public static void total(
      EventLoop loop, int order, LoopOwned<Integer> ratePercent, Callback<Long> done) {
    int rate = ratePercent.get(); // read before step 1 even started
    loop.queueWork(() -> Host.convert(Host.lookup(order), rate), done::call);
  }
}
