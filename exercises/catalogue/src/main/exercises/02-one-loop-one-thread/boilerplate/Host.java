// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;

/** Lets Schedule.start set up its callbacks, then runs the loop until nothing is left. */
public class Host {
  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    Schedule.start(loop);
    log("scheduled");
    loop.run();
    System.out.println("loop finished: nothing left to run");
  }

  /** Prints what ran and on which thread. Call it from each of your callbacks. */
  static void log(String what) {
    System.out.println(what + " on " + Thread.currentThread().getName());
  }
}
