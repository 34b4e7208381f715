package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.Atomics;
import dev.workshop.runtime.Atomics.WaitResult;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.SharedBuffer;
import dev.workshop.runtime.Worker;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SharedArrayBuffer and Atomics: shared, not copied; atomic and plain access; wait and notify. */
@Timeout(60)
class SharedMemoryTest {

  record Job(SharedBuffer buffer, int times, boolean atomic) {}

  /** Adds 1 to element 0, the given number of times, atomically or not; then sends the buffer back. */
  public static final class Adder implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      Job job = (Job) worker.workerData();
      SharedBuffer b = job.buffer();
      for (int i = 0; i < job.times(); i++) {
        if (job.atomic()) {
          Atomics.add(b, 0, 1);
        } else {
          b.set(0, b.get(0) + 1);
        }
      }
      worker.postMessage(b);
    }
  }

  @Test
  void aSharedBufferReachesTheWorkerItselfNotACopy() {
    EventLoop loop = EventLoop.create();
    SharedBuffer counter = SharedBuffer.ofLongs(1);
    List<Object> back = new ArrayList<>();
    new Worker(loop, Adder.class, new Job(counter, 5, true)).onMessage(back::add);
    loop.run();
    assertSame(counter, back.get(0), "the same buffer came back");
    assertEquals(5, Atomics.load(counter, 0), "the worker's adds are in main's buffer");
  }

  @Test
  void atomicAddsFromTwoWorkersLoseNothing() {
    EventLoop loop = EventLoop.create();
    SharedBuffer counter = SharedBuffer.ofInts(1);
    new Worker(loop, Adder.class, new Job(counter, 100_000, true));
    new Worker(loop, Adder.class, new Job(counter, 100_000, true));
    loop.run();
    assertEquals(200_000, Atomics.load(counter, 0));
  }

  record Step(SharedBuffer buffer, boolean first) {}

  /**
   * The lost update, step by step. Element 0 is the counter, element 1 says whose turn it is. The
   * first worker reads the counter, lets the second worker read and write it, then writes its own
   * stale value + 1 over the second worker's.
   */
  public static final class SlowIncrement implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      Step step = (Step) worker.workerData();
      SharedBuffer b = step.buffer();
      if (step.first()) {
        long seen = b.get(0); // reads 0
        turn(b, 1);
        while (Atomics.load(b, 1) != 2) Atomics.wait(b, 1, 1); // until the other one is done
        b.set(0, seen + 1); // writes 1 over the other's 1: an update is lost
      } else {
        while (Atomics.load(b, 1) != 1) Atomics.wait(b, 1, 0); // until the first one has read
        b.set(0, b.get(0) + 1);
        turn(b, 2);
      }
    }

    private static void turn(SharedBuffer b, int to) {
      Atomics.store(b, 1, to);
      Atomics.notify(b, 1);
    }
  }

  @Test
  void twoPlainIncrementsThatInterleaveLoseAnUpdate() {
    EventLoop loop = EventLoop.create();
    SharedBuffer b = SharedBuffer.ofInts(2);
    List<Integer> exits = new ArrayList<>();
    new Worker(loop, SlowIncrement.class, new Step(b, true)).onExit(exits::add);
    new Worker(loop, SlowIncrement.class, new Step(b, false)).onExit(exits::add);
    loop.run();
    assertEquals(List.of(0, 0), exits);
    assertEquals(2, Atomics.load(b, 1), "both workers took their turn");
    assertEquals(1, Atomics.load(b, 0), "two increments, but one was lost");
  }

  @Test
  void plainIncrementsFromTwoWorkersNeverGain() {
    EventLoop loop = EventLoop.create();
    SharedBuffer counter = SharedBuffer.ofInts(1);
    new Worker(loop, Adder.class, new Job(counter, 100_000, false));
    new Worker(loop, Adder.class, new Job(counter, 100_000, false));
    loop.run();
    long total = Atomics.load(counter, 0);
    // Plain increments can lose almost everything (two threads that keep interleaving between the
    // read and the write can end as low as 2), but never add: no bound above 2 always holds.
    assertTrue(total >= 2 && total <= 200_000, "total " + total);
  }

  @Test
  void atomicsOperationsReturnWhatJavaScriptsReturn() {
    SharedBuffer ints = SharedBuffer.ofInts(2);
    assertEquals(5, Atomics.store(ints, 0, 5));
    assertEquals(5, Atomics.add(ints, 0, 3), "add returns the value before");
    assertEquals(8, Atomics.load(ints, 0));
    assertEquals(8, Atomics.compareExchange(ints, 0, 8, 1), "exchanged");
    assertEquals(1, Atomics.compareExchange(ints, 0, 8, 2), "not exchanged: returns the value");
    assertEquals(1, Atomics.load(ints, 0));
    assertEquals(1, Atomics.compareExchange(ints, 0, 1L << 40, 2), "an int never equals it");
    Atomics.store(ints, 1, Integer.MAX_VALUE);
    Atomics.add(ints, 1, 1);
    assertEquals(Integer.MIN_VALUE, Atomics.load(ints, 1), "int adds wrap as Java's int does");
    IllegalArgumentException big =
        assertThrows(IllegalArgumentException.class, () -> ints.set(0, 1L << 40));
    assertTrue(big.getMessage().contains("ofLongs"), big.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Atomics.store(ints, 0, 1L << 40));
    assertThrows(IndexOutOfBoundsException.class, () -> ints.get(2));
    assertThrows(IndexOutOfBoundsException.class, () -> Atomics.load(ints, -1));
    assertThrows(IllegalArgumentException.class, () -> SharedBuffer.ofInts(0));

    SharedBuffer longs = SharedBuffer.ofLongs(1);
    longs.set(0, 1L << 40);
    assertEquals(1L << 40, Atomics.add(longs, 0, 1));
    assertEquals((1L << 40) + 1, longs.get(0));
    assertTrue(longs.holdsLongs());
    assertEquals(1, longs.length());
  }

  @Test
  void waitSaysNotEqualTimedOutOrOk() throws Exception {
    SharedBuffer b = SharedBuffer.ofInts(2);
    AtomicReference<List<WaitResult>> results = new AtomicReference<>();
    Thread waiter =
        new Thread(
            () -> {
              List<WaitResult> r = new ArrayList<>();
              r.add(Atomics.wait(b, 0, 7, 10_000)); // holds 0, not 7: no sleep
              r.add(Atomics.wait(b, 1, 0, 1)); // nobody notifies element 1
              r.add(Atomics.wait(b, 0, 0, 30_000)); // the test thread notifies element 0
              results.set(r);
            },
            "waiter");
    waiter.start();
    // notify wakes only a thread that waits already: try until the waiter was there
    int woken = 0;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (woken == 0 && System.nanoTime() < deadline) {
      woken = Atomics.notify(b, 0, 1);
      if (woken == 0) Thread.onSpinWait();
    }
    waiter.join(20_000);
    assertEquals(1, woken);
    assertEquals(List.of(WaitResult.NOT_EQUAL, WaitResult.TIMED_OUT, WaitResult.OK), results.get());
    assertEquals(0, Atomics.notify(b, 0), "nobody waits any more");
    assertThrows(IllegalArgumentException.class, () -> Atomics.wait(b, 0, 1, -1));
  }

  @Test
  void waitIsRefusedOnALoopThreadButNotifyIsFine() throws Exception {
    SharedBuffer b = SharedBuffer.ofInts(1);
    AtomicReference<Throwable> refused = new AtomicReference<>();
    AtomicReference<Integer> notified = new AtomicReference<>();
    LoopThread lt =
        LoopThread.start(
            "main-loop",
            loop ->
                loop.setTimeout(
                    0,
                    () -> {
                      notified.set(Atomics.notify(b, 0));
                      try {
                        Atomics.wait(b, 0, 0, 10_000);
                      } catch (IllegalStateException e) {
                        refused.set(e);
                      }
                    }));
    lt.join();
    assertEquals(0, notified.get());
    assertTrue(refused.get() instanceof IllegalStateException, String.valueOf(refused.get()));
    String message = refused.get().getMessage();
    assertTrue(message.contains("\"main-loop\", a loop thread"), message);
    assertTrue(message.contains("Worker"), message);
  }

  @Test
  void waitIsRefusedOnTheLoopThreadEvenBeforeRun() throws Exception {
    AtomicReference<Throwable> refused = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              EventLoop.create();
              try {
                Atomics.wait(SharedBuffer.ofInts(1), 0, 0, 10_000);
              } catch (Throwable e) {
                refused.set(e);
              }
            },
            "top-level");
    t.start();
    t.join(20_000);
    assertTrue(refused.get() instanceof IllegalStateException, String.valueOf(refused.get()));
  }
}
