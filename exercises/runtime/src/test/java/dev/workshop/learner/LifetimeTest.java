package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Node's rule: the loop runs while ref'd active handles, queued callbacks or pool work exist. */
@Timeout(60)
class LifetimeTest {

  @Test
  void emptyLoopReturnsAtOnceAndCanRunAgain() {
    EventLoop loop = EventLoop.create();
    loop.run();
    List<String> log = new ArrayList<>();
    loop.setTimeout(1, () -> log.add("second run"));
    loop.run();
    assertEquals(List.of("second run"), log);
  }

  @Test
  void unrefdIntervalDoesNotKeepTheLoopAlive() {
    EventLoop loop = EventLoop.create();
    Timer dots = loop.setInterval(10_000, () -> {}).unref();
    loop.run(); // would wait 10 s per tick forever if the interval counted
    assertTrue(dots.isActive(), "an unref'd interval stays scheduled");
    dots.cancel();
  }

  @Test
  void unrefdIntervalStillTicksWhileSomethingElseKeepsTheLoopAlive() {
    EventLoop loop = EventLoop.create();
    int[] ticks = {0};
    Timer dots = loop.setInterval(5, () -> ticks[0]++).unref();
    // ref'd: the loop lives until this timer fires after the interval ticked three times
    Timer[] stopper = new Timer[1];
    stopper[0] =
        loop.setInterval(
            5,
            () -> {
              if (ticks[0] >= 3) stopper[0].cancel();
            });
    loop.run();
    assertTrue(ticks[0] >= 3);
    assertTrue(dots.isActive());
    dots.cancel();
  }

  @Test
  void refdIntervalKeepsTheLoopAliveUntilCancelled() {
    EventLoop loop = EventLoop.create();
    Timer interval = loop.setInterval(1, () -> {});
    Timer unref = loop.setTimeout(1, () -> {}).unref();
    unref.ref(); // counts again
    loop.setTimeout(50, interval::cancel);
    loop.run();
    assertFalse(interval.isActive());
    assertFalse(unref.isActive());
  }

  @Test
  void pendingPoolWorkKeepsTheLoopAlive() {
    EventLoop loop = EventLoop.create();
    List<String> log = new ArrayList<>();
    loop.queueWork(
        () -> {
          Thread.sleep(200);
          return "slept";
        },
        (err, r) -> log.add(r));
    loop.run();
    assertEquals(List.of("slept"), log, "run() returned before the after-work callback");
  }

  @Test
  void postFromAnotherThreadWhileAHandleIsPendingIsRun() throws Exception {
    EventLoop loop = EventLoop.create();
    List<String> log = new ArrayList<>();
    CountDownLatch posted = new CountDownLatch(1);
    Timer guard = loop.setTimeout(60_000, () -> {});
    Thread helper =
        new Thread(
            () -> {
              loop.post(
                  () -> {
                    log.add("from helper");
                    guard.cancel();
                  });
              posted.countDown();
            },
            "helper");
    loop.setTimeout(0, helper::start);
    loop.run();
    assertTrue(posted.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("from helper"), log);
  }

  @Test
  void queuedPostKeepsTheLoopAliveUntilRun() throws Exception {
    EventLoop loop = EventLoop.create();
    List<String> log = new ArrayList<>();
    Thread t = new Thread(() -> loop.post(() -> log.add("late")));
    t.start();
    t.join();
    loop.run();
    assertEquals(List.of("late"), log);
  }
}
