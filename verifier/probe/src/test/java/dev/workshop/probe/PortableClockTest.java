package dev.workshop.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portable clock's rules, whatever the machine's load: what it may never forgive. */
class PortableClockTest {
  @BeforeAll
  static void meter() {
    RunnableMeter.start(new Threads(Thread.currentThread()), new VmClocks());
  }

  @Test
  void measuresTheThreadsOwnCpuTime() {
    PortableClock clock = PortableClock.forCurrentThread();
    assertTrue(clock.available());
    clock.read();
    long cpu0 = clock.onCpu();
    assertEquals(0, clock.waiting());
    long t0 = System.nanoTime();
    long spun = 0;
    while (System.nanoTime() - t0 < 30_000_000L) spun++;
    clock.read();
    long wall = System.nanoTime() - t0;
    long cpu = clock.onCpu() - cpu0;
    assertTrue(spun > 0 && cpu > 0, "cpu " + cpu);
    // Never more than the time the thread was off a CPU: a callback is charged its CPU time.
    assertTrue(clock.waiting() <= wall - cpu + 1_000_000L, clock.waiting() + " of " + wall);
  }

  @Test
  void aBlockingCallTheWeaverTimesIsNeverAWaitForACpu() {
    PortableClock clock = PortableClock.forCurrentThread();
    clock.read();
    clock.blocking(true);
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < 30_000_000L) Thread.onSpinWait();
    clock.read();
    clock.blocking(false);
    assertEquals(0, clock.waiting());
  }

  @Test
  void sleepingIsNotWaitingForACpu() throws InterruptedException {
    PortableClock clock = PortableClock.forCurrentThread();
    clock.read();
    long t0 = System.nanoTime();
    new CountDownLatch(1).await(60, TimeUnit.MILLISECONDS);
    clock.read();
    long wall = System.nanoTime() - t0;
    // The meter counts a state change up to a tick late: at most a few ticks, never the sleep.
    assertTrue(clock.waiting() < wall / 2, clock.waiting() + " of " + wall);
  }

  @Test
  void aThreadBlockedInNativeCodeIsNotWaitingForACpu() throws Exception {
    java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
    long[] result = new long[2];
    CountDownLatch reading = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              PortableClock clock = PortableClock.forCurrentThread();
              clock.read();
              long t0 = System.nanoTime();
              reading.countDown();
              try {
                // A blocking read: native code, RUNNABLE to the JVM, and no woven hook around it.
                pipe.source().read(java.nio.ByteBuffer.allocate(1));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              clock.read();
              result[0] = clock.waiting();
              result[1] = System.nanoTime() - t0;
            });
    reader.start();
    reading.await();
    new CountDownLatch(1).await(60, TimeUnit.MILLISECONDS); // the read blocks meanwhile
    pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
    reader.join();
    assertTrue(result[0] < result[1] / 2, result[0] + " of " + result[1]);
  }

  @Test
  void anotherThreadsClockMeasuresItsCpuTimeOnly() throws Exception {
    long[] id = new long[1];
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              id[0] = Thread.currentThread().getId();
              started.countDown();
              long t0 = System.nanoTime();
              while (System.nanoTime() - t0 < 20_000_000L) Thread.onSpinWait();
              try {
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    started.await();
    PortableClock clock = new PortableClock(id[0], null);
    clock.read();
    long cpu0 = clock.onCpu();
    clock.read();
    assertTrue(clock.onCpu() >= cpu0 && cpu0 >= 0);
    assertEquals(0, clock.waiting());
    done.countDown();
    t.join();
  }
}
