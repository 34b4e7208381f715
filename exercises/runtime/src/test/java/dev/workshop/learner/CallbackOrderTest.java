package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.AsyncWorker;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.ThreadPool;
import dev.workshop.runtime.Timer;
import dev.workshop.runtime.UncaughtCallbackError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CallbackOrderTest {

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Blocks the loop thread until the pool has handed every finished job back to the loop. */
  private static void awaitPoolIdle(EventLoop loop) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (loop.pool().running() > 0 || loop.pool().queueLength() > 0) {
      if (System.nanoTime() > deadline) throw new AssertionError("pool never became idle");
      sleep(5);
    }
  }

  @Test
  void timersThenQueueInDocumentedOrder() {
    EventLoop loop = EventLoop.create();
    List<String> log = new ArrayList<>();
    loop.post(
        () -> {
          log.add("p0");
          loop.setTimeout(30, () -> log.add("A30"));
          loop.setTimeout(10, () -> log.add("B10"));
          loop.setTimeout(10, () -> log.add("C10"));
          loop.setTimeout(
              0,
              () -> {
                log.add("D0");
                loop.post(
                    () ->
                        log.add(
                            "P3-from-timer")); // same iteration, after the queue's older entries
                loop.setTimeout(0, () -> log.add("E0-next-iteration"));
              });
          loop.post(() -> log.add("P1"));
          loop.post(
              () -> {
                log.add("P2");
                loop.post(() -> log.add("P4-next-iteration"));
              });
          sleep(100); // block the loop: every timer above becomes due at the same time
        });
    loop.run();
    assertEquals(
        List.of(
            "p0",
            "D0",
            "B10",
            "C10",
            "A30",
            "P1",
            "P2",
            "P3-from-timer",
            "E0-next-iteration",
            "P4-next-iteration"),
        log);
  }

  @Test
  void timeoutZeroScheduledBeforeRunPrecedesPost() {
    EventLoop loop = EventLoop.create();
    List<String> log = new ArrayList<>();
    loop.post(() -> log.add("post"));
    loop.setTimeout(0, () -> log.add("timeout0"));
    loop.run();
    assertEquals(List.of("timeout0", "post"), log);
  }

  @Test
  void afterWorkJoinsTheQueueInArrivalOrder() {
    EventLoop loop = EventLoop.create();
    List<String> log = new ArrayList<>();
    Map<String, String> threads = new ConcurrentHashMap<>();
    loop.post(
        () -> {
          loop.post(() -> log.add("P1"));
          loop.queueWork(
              () -> {
                threads.put("work", Thread.currentThread().getName());
                return 42;
              },
              (err, result) -> {
                threads.put("after", Thread.currentThread().getName());
                log.add("AW" + result);
              });
          awaitPoolIdle(loop); // the completion is now queued behind P1
          loop.post(() -> log.add("P2"));
        });
    loop.run();
    assertEquals(List.of("P1", "AW42", "P2"), log);
    assertTrue(threads.get("work").matches("pool-\\d+"), threads.toString());
    assertEquals(Thread.currentThread().getName(), threads.get("after"));
  }

  @Test
  void intervalRunsUntilItCancelsItselfAndCancelledTimersNeverRun() {
    EventLoop loop = EventLoop.create();
    List<String> log = new ArrayList<>();
    Timer cancelled = loop.setTimeout(5, () -> log.add("never"));
    cancelled.cancel();
    assertFalse(cancelled.isActive());
    Timer[] interval = new Timer[1];
    interval[0] =
        loop.setInterval(
            1,
            () -> {
              log.add("tick");
              if (log.size() == 3) interval[0].cancel();
            });
    assertTrue(interval[0].isActive() && interval[0].isRepeating());
    loop.run(); // returns only because the interval cancelled itself
    assertEquals(List.of("tick", "tick", "tick"), log);
    assertFalse(interval[0].isActive());
  }

  @Test
  void workerFormRunsExecuteOnPoolAndCallbacksOnLoop() {
    EventLoop loop = EventLoop.create();
    Map<String, String> seen = new ConcurrentHashMap<>();
    loop.queueWork(
        new AsyncWorker<String>() {
          @Override
          protected String execute() {
            seen.put("execute", Thread.currentThread().getName());
            return "ok";
          }

          @Override
          protected void onOK(String result) {
            seen.put("onOK", Thread.currentThread().getName() + ":" + result);
          }
        });
    loop.queueWork(
        new AsyncWorker<String>() {
          @Override
          protected String execute() throws Exception {
            throw new java.io.IOException("disk on fire");
          }

          @Override
          protected void onOK(String result) {
            seen.put("wrong", "onOK");
          }

          @Override
          protected void onError(Throwable error) {
            seen.put("onError", Thread.currentThread().getName() + ":" + error.getMessage());
          }
        });
    loop.run();
    String me = Thread.currentThread().getName();
    assertTrue(seen.get("execute").matches("pool-\\d+"));
    assertEquals(me + ":ok", seen.get("onOK"));
    assertEquals(me + ":disk on fire", seen.get("onError"));
    assertFalse(seen.containsKey("wrong"));
  }

  @Test
  void defaultOnErrorIsUncaught() {
    EventLoop loop = EventLoop.create();
    loop.queueWork(
        new AsyncWorker<String>() {
          @Override
          protected String execute() throws Exception {
            throw new java.io.IOException("no handler");
          }

          @Override
          protected void onOK(String result) {}
        });
    UncaughtCallbackError e = assertThrows(UncaughtCallbackError.class, loop::run);
    assertEquals("no handler", e.getCause().getMessage());
  }

  @Test
  void postFromOtherThreadsWakesTheLoopAndRunsOnLoopThread() throws Exception {
    EventLoop loop = EventLoop.create();
    int n = 4;
    CountDownLatch go = new CountDownLatch(1);
    List<String> ranOn = new ArrayList<>();
    int[] count = {0};
    // a ref'd timer keeps the loop alive; the last post cancels it
    var keepAlive = loop.setTimeout(60_000, () -> {});
    List<Thread> posters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int j = 0; j < 1000; j++) {
                  loop.post(
                      () -> {
                        ranOn.add(Thread.currentThread().getName());
                        if (++count[0] == n * 1000) keepAlive.cancel();
                      });
                }
              },
              "poster-" + i);
      t.start();
      posters.add(t);
    }
    loop.setTimeout(20, go::countDown); // posts arrive while the loop is waiting
    loop.run();
    for (Thread t : posters) t.join();
    assertEquals(n * 1000, count[0]);
    assertTrue(ranOn.stream().allMatch(Thread.currentThread().getName()::equals));
  }

  @Test
  void loopMethodsRefuseOtherThreads() throws Exception {
    EventLoop loop = EventLoop.create();
    Throwable[] seen = new Throwable[2];
    Thread t =
        new Thread(
            () -> {
              seen[0] = assertThrows(IllegalStateException.class, loop::run);
              seen[1] =
                  assertThrows(IllegalStateException.class, () -> loop.setTimeout(1, () -> {}));
            },
            "intruder");
    t.start();
    t.join();
    assertTrue(
        seen[0].getMessage().contains("intruder")
            && seen[0].getMessage().contains(Thread.currentThread().getName()),
        seen[0].getMessage());
    assertTrue(seen[1].getMessage().contains("post"), seen[1].getMessage());
    assertTrue(loop.inLoopThread());
    assertSame(Thread.currentThread(), loop.thread());
    assertTrue(ThreadPool.size() >= 1);
  }

  @Test
  void reentrantRunIsAnError() {
    EventLoop loop = EventLoop.create();
    loop.post(loop::run);
    UncaughtCallbackError e = assertThrows(UncaughtCallbackError.class, loop::run);
    assertTrue(e.getCause() instanceof IllegalStateException);
    assertTrue(e.getCause().getMessage().contains("already running"), e.getCause().getMessage());
  }
}
