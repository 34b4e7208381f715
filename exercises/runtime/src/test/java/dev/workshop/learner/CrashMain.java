package dev.workshop.learner;

import dev.workshop.runtime.EventLoop;

/** A learner program whose timer callback throws: it must end like Node (stack, exit code 1). */
public final class CrashMain {
  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    loop.setTimeout(1, () -> explode("boom"));
    loop.setTimeout(500, () -> System.out.println("must not run"));
    loop.run();
    System.out.println("must not get here");
  }

  static void explode(String what) {
    throw new IllegalStateException(what);
  }
}
