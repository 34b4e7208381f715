import dev.workshop.runtime.Atomics;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.SharedBuffer;
import dev.workshop.runtime.Worker;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;
import java.util.List;

public class Counters {
  static final int ADDERS = 4;
  /** The counter the four adders share. */
  static final int TOTAL = 0;
  /** 0 until main has read the total, then 1: the waiter's signal. */
  static final int DONE = 1;

  /**
   * One round: four adders and one shared buffer. Runs on main and returns at once; the results
   * come to the host in callbacks on main.
   *
   * <p>TODO: the totals come out short: fix the Adder below. Then start a Waiter worker here (it
   * gets the same buffer), whose onMessage hands what it read to round.waiterRead; and once main
   * has the total, signal the waiter: change DONE, then Atomics.notify.
   */
  static void count(EventLoop loop, int times, Host.Round round) {
    SharedBuffer counters = SharedBuffer.ofInts(2);
    int[] running = {ADDERS};
    for (int i = 0; i < ADDERS; i++) {
      new Worker(loop, Adder.class, List.of(counters, times))
          .onExit(
              code -> {
                if (--running[0] > 0) return;
                round.total(Atomics.load(counters, TOTAL));
              });
    }
  }

  /** Adds 1 to the shared counter, `times` times, on a worker thread of its own. */
  public static class Adder implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      List<?> data = (List<?>) worker.workerData();
      SharedBuffer counters = (SharedBuffer) data.get(0);
      int times = (Integer) data.get(1);
      for (int i = 0; i < times; i++) {
        counters.set(TOTAL, counters.get(TOTAL) + 1);
      }
    }
  }

  /** TODO: sleep until main signals (Atomics.wait), then post what the counter holds. */
  public static class Waiter implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {}
  }
}
