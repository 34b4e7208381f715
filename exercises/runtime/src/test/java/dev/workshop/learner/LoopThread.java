package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workshop.runtime.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Test helper: a loop created and run on its own thread, so that the test thread can be a client. */
final class LoopThread {
  final Thread thread;
  final AtomicReference<EventLoop> loop = new AtomicReference<>();
  final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch ready = new CountDownLatch(1);

  private LoopThread(String name, Consumer<EventLoop> setup) {
    thread =
        new Thread(
            () -> {
              EventLoop l = EventLoop.create();
              loop.set(l);
              try {
                setup.accept(l);
                ready.countDown();
                l.run();
              } catch (Throwable t) {
                failure.set(t);
              } finally {
                ready.countDown();
              }
            },
            name);
    thread.setDaemon(true);
  }

  static LoopThread start(String name, Consumer<EventLoop> setup) throws InterruptedException {
    LoopThread lt = new LoopThread(name, setup);
    lt.thread.start();
    assertTrue(lt.ready.await(20, TimeUnit.SECONDS), "loop setup timed out");
    return lt;
  }

  /** Waits for run() to return, then fails the test if the loop thread threw. */
  void join() throws InterruptedException {
    thread.join(TimeUnit.SECONDS.toMillis(30));
    if (thread.isAlive()) fail("the loop did not finish in 30 s");
    if (failure.get() != null) throw new AssertionError("the loop thread failed", failure.get());
  }
}
