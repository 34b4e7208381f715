// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;

/**
 * Prices a batch of orders with your Orders.total, all at once.
 *
 * <p>Run it as {@code java Host <orders>} (8 when not given). One callback calls {@code
 * Orders.total} for orders 1 to N, one after the other without waiting, then prints {@code queued
 * N orders}. Each order takes two slow steps, {@link #lookup} and then {@link #convert}, and your
 * callback prints {@code order <n>: <cents> cents} on main. The exchange rate belongs to the loop:
 * only main may read it.
 */
public class Host {
  public static void main(String[] args) {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    EventLoop loop = EventLoop.create();
    LoopOwned<Integer> ratePercent = loop.own(92);

    loop.post(() -> {
      for (int n = 1; n <= orders; n++) {
        int order = n;
        Orders.total(loop, order, ratePercent, (error, cents) -> {
          if (error != null) {
            System.out.println("order " + order + " failed: " + error);
          } else {
            System.out.println("order " + order + ": " + cents + " cents");
          }
        });
      }
      System.out.println("queued " + orders + " orders");
    });

    loop.run();
  }

  /** Step 1, slow (50 ms): the order's price in cents. Call it on a pool thread. */
  static long lookup(int order) throws InterruptedException {
    Thread.sleep(50);
    return 1000 + 250L * order;
  }

  /** Step 2, slow (50 ms): the price converted at the rate, in cents. Call it on a pool thread. */
  static long convert(long cents, int ratePercent) throws InterruptedException {
    Thread.sleep(50);
    return cents * ratePercent / 100;
  }
}
