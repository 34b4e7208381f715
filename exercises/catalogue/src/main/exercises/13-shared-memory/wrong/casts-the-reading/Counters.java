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
   * One round: four adders, one waiter, one shared buffer. Runs on main and returns at once; the
   * results come to the host in callbacks on main.
   */
  static void count(EventLoop loop, int times, Host.Round round) {
    // Not copied: every worker gets this very buffer, so they all add to one counter.
    SharedBuffer counters = SharedBuffer.ofInts(2);
    new Worker(loop, Waiter.class, counters)
        // The waiter posts a long, so the message is a Long: casting it to int throws.
        .onMessage(read -> round.waiterRead((int) read));
    int[] running = {ADDERS}; // main's own count: only main touches it, in onExit
    for (int i = 0; i < ADDERS; i++) {
      new Worker(loop, Adder.class, List.of(counters, times))
          .onExit(
              code -> {
                if (--running[0] > 0) return;
                // Main never waits: it learns that the adders are done from their exits.
                round.total(Atomics.load(counters, TOTAL));
                // Change the value first, then wake: a waiter that arrives after the notify
                // finds DONE == 1, does not sleep at all, and no signal is lost.
                Atomics.store(counters, DONE, 1);
                Atomics.notify(counters, DONE);
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
        // One indivisible step: read, add and write cannot be cut in two by another adder.
        Atomics.add(counters, TOTAL, 1);
      }
    }
  }

  /** Sleeps until main signals, then reads the counter and tells main what it read. */
  public static class Waiter implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      SharedBuffer counters = (SharedBuffer) worker.workerData();
      // Sleeps only while DONE still holds 0: checking and sleeping are one step.
      Atomics.wait(counters, DONE, 0);
      worker.postMessage(Atomics.load(counters, TOTAL));
    }
  }
}
