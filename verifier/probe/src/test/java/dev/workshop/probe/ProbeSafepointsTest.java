package dev.workshop.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The probe's share of a callback: the safepoints its own stack samples caused are forgiven only
 * where they held a running loop thread, and no safepoint ever hides the learner's CPU time, a
 * blocking call of the solution's, or a wait the samples saw.
 */
class ProbeSafepointsTest {
  private static final long MS = 1_000_000L;

  @Test
  void aLoopThreadHeldAtSafepointsIsNotCharged() {
    // 150 ms of wall time: 1 ms on a CPU, 4 ms waiting for one, the rest held while other threads
    // were brought to a stop (145 ms of sync), as a cluster worker's callback was at load 13.
    long forgiven = ProbeSafepoints.forgivenNs(150 * MS, MS, 4 * MS, 0, 0, 0, 145, 0, 0);
    assertEquals(145 * MS, forgiven);
  }

  @Test
  void theSamplesOwnOperationIsForgivenWhenItHeldTheLoopThread() {
    long forgiven = ProbeSafepoints.forgivenNs(150 * MS, MS, 4 * MS, 0, 0, 0, 100, 0, 30);
    assertEquals(130 * MS, forgiven);
  }

  @Test
  void neverTheLearnersCpuTime() {
    // Computing 150 ms while safepoints took 145 ms to reach: nothing is unexplained.
    assertEquals(0, ProbeSafepoints.forgivenNs(150 * MS, 150 * MS, 0, 0, 0, 0, 145, 0, 0));
    // Half of it computing: at most the other half.
    assertEquals(75 * MS, ProbeSafepoints.forgivenNs(150 * MS, 75 * MS, 0, 0, 0, 0, 145, 0, 0));
  }

  @Test
  void neverABlockingCallOfTheSolutions() {
    // Thread.sleep(150) on main, timed by the woven code: safepoints meanwhile cost it nothing.
    assertEquals(0, ProbeSafepoints.forgivenNs(151 * MS, MS, 0, 0, 150 * MS, 0, 145, 0, 40));
  }

  @Test
  void neverTheSyncOfSamplesThatFoundTheLoopThreadWaiting() {
    // A wait the weaver does not time (inside the JDK), sampled 40 times on a busy machine: the
    // samples' sync (120 ms) stopped a thread that was stopped anyway.
    assertEquals(0, ProbeSafepoints.forgivenNs(151 * MS, MS, 0, 0, 0, 0, 120, 120, 0));
    // Another thread's collection meanwhile still counts, up to its own sync.
    assertEquals(10 * MS, ProbeSafepoints.forgivenNs(151 * MS, MS, 0, 0, 0, 0, 130, 120, 0));
  }

  @Test
  void nothingWithoutTheThreadsCpuTime() {
    assertEquals(0, ProbeSafepoints.forgivenNs(150 * MS, -1, 0, 0, 0, 0, 145, 0, 30));
  }

  @Test
  void aSampleHoldsARunningThreadOnly() throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    CountDownLatch release = new CountDownLatch(1);
    Thread parked =
        new Thread(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Thread spinning =
        new Thread(
            () -> {
              long x = 0;
              while (release.getCount() > 0) x++;
              if (x == 42) System.out.print("");
            });
    parked.start();
    spinning.start();
    try {
      ThreadInfo waiting = until(mx, parked, i -> i.getThreadState() == Thread.State.WAITING);
      ThreadInfo running = until(mx, spinning, i -> i.getThreadState() == Thread.State.RUNNABLE);
      assertFalse(ProbeSafepoints.heldBySafepoint(waiting));
      assertTrue(ProbeSafepoints.heldBySafepoint(running));

      ProbeSafepoints probe = new ProbeSafepoints();
      probe.sampled(3, 40, waiting);
      assertEquals(3, probe.pauseMillis());
      assertEquals(0, probe.heldMillis());
      assertEquals(40, probe.idleSyncMillis());
      probe.sampled(2, 50, running);
      assertEquals(5, probe.pauseMillis());
      assertEquals(2, probe.heldMillis());
      assertEquals(40, probe.idleSyncMillis());
    } finally {
      release.countDown();
      parked.join();
      spinning.join();
    }
  }

  /** The thread's info once it is in the state asked for (bounded: 10 s). */
  private static ThreadInfo until(ThreadMXBean mx, Thread t, Predicate<ThreadInfo> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      ThreadInfo info = mx.getThreadInfo(t.getId(), 16);
      if (info != null && state.test(info)) return info;
      Thread.sleep(1);
    }
    throw new AssertionError(t.getName() + " never reached the state");
  }
}
