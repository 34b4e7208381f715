package dev.workshop.bench;

import dev.workshop.runtime.Atomics;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.SharedBuffer;
import dev.workshop.runtime.Worker;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What the worker and shared-memory hooks cost. Times, on one thread: {@code buf.set(0,
 * buf.get(0) + 1)} on a SharedBuffer (a bare int[] is no floor: the JIT folds that loop away); an
 * AtomicIntegerArray add (no runtime, the floor) against {@code Atomics.add}; and messages from the loop
 * thread to a worker (a small record with a list, copied, then handed to the worker's onMessage),
 * each with no listener and with a no-op listener. Prints the median of several rounds in ns per
 * operation, with the fastest and slowest round.
 *
 * <p>Run it with {@code exercises/runtime/bench/worker-overhead.sh [operations] [rounds]}.
 */
public final class WorkerOverheadBench {
  static long sink;

  private WorkerOverheadBench() {}

  record Point(int x, int y, List<String> tags) {}

  /** Counts messages; answers "done" after the number given as workerData. */
  public static final class Counter implements WorkerMain {
    private int seen;

    @Override
    public void main(WorkerContext worker) {
      int expected = (Integer) worker.workerData();
      worker.onMessage(
          m -> {
            if (++seen == expected) {
              worker.postMessage("done");
              worker.close();
            }
          });
    }
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int messages = Math.max(1, n / 10);
    RuntimeListener noop = new RuntimeListener() {};
    System.out.printf(
        "java %s (%s), %d cores, %d accesses and %d messages per round, median of %d rounds%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        n,
        messages,
        rounds);
    report("SharedBuffer get+set, no listener", rounds, () -> plain(n, null), n);
    report("SharedBuffer get+set, no-op listener", rounds, () -> plain(n, noop), n);
    report("bare AtomicIntegerArray add", rounds, () -> bareAtomic(n), n);
    report("Atomics.add, no listener", rounds, () -> atomic(n, null), n);
    report("Atomics.add, no-op listener", rounds, () -> atomic(n, noop), n);
    report("postMessage to a worker, no listener", rounds, () -> post(messages, null), messages);
    report("postMessage to a worker, no-op listener", rounds, () -> post(messages, noop), messages);
  }

  interface Round {
    long run();
  }

  private static void report(String what, int rounds, Round round, int n) {
    round.run(); // warm-up
    round.run();
    long[] ns = new long[rounds];
    for (int i = 0; i < rounds; i++) ns[i] = round.run();
    Arrays.sort(ns);
    System.out.printf(
        "%-42s %8.1f ns/op  (rounds %.1f .. %.1f)%n",
        what, (double) ns[rounds / 2] / n, (double) ns[0] / n, (double) ns[rounds - 1] / n);
  }

  private static long plain(int n, RuntimeListener listener) {
    Instrumentation.install(listener);
    try {
      SharedBuffer b = SharedBuffer.ofInts(1);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) b.set(0, b.get(0) + 1);
      long t = System.nanoTime() - t0;
      sink += b.get(0);
      return t;
    } finally {
      Instrumentation.install(null);
    }
  }

  private static long bareAtomic(int n) {
    AtomicIntegerArray a = new AtomicIntegerArray(1);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) a.getAndAdd(0, 1);
    long t = System.nanoTime() - t0;
    sink += a.get(0);
    return t;
  }

  private static long atomic(int n, RuntimeListener listener) {
    Instrumentation.install(listener);
    try {
      SharedBuffer b = SharedBuffer.ofInts(1);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) Atomics.add(b, 0, 1);
      long t = System.nanoTime() - t0;
      sink += Atomics.load(b, 0);
      return t;
    } finally {
      Instrumentation.install(null);
    }
  }

  private static long post(int messages, RuntimeListener listener) {
    Instrumentation.install(listener);
    try {
      long[] took = new long[1];
      Thread t =
          new Thread(
              () -> {
                EventLoop loop = EventLoop.create();
                Worker w = new Worker(loop, Counter.class, messages);
                long t0 = System.nanoTime();
                w.onMessage(m -> took[0] = System.nanoTime() - t0);
                Point p = new Point(1, 2, List.of("a", "b"));
                for (int i = 0; i < messages; i++) w.postMessage(p);
                loop.run();
              },
              "bench-loop");
      t.start();
      t.join();
      return took[0];
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      Instrumentation.install(null);
    }
  }
}
