package dev.workshop.learner;

import dev.workshop.runtime.EventLoop;

/** The program from docs/runtime.md: sleeping work on the pool while the main thread keeps ticking. */
public class DotsMain {
  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    loop.setInterval(100, () -> System.out.print("."))
        .unref(); // ticks, but does not keep the loop alive
    loop.queueWork(
        () -> {
          Thread.sleep(1000); // blocks a pool thread, not main
          return Thread.currentThread().getName();
        },
        (err, worker) ->
            System.out.println(
                "\nslept on " + worker + ", back on " + Thread.currentThread().getName()));
    loop.run(); // returns once the after-work callback has run
  }
}
