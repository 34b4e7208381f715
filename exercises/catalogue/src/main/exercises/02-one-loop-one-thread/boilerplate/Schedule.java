import dev.workshop.runtime.EventLoop;

public class Schedule {

  /** Schedules the callbacks listed in the lesson's Task, in that order. Call Host.log in each. */
  static void start(EventLoop loop) {
    // 1. a timeout of 500 ms that logs "timeout 500"
    loop.setTimeout(500, () -> Host.log("timeout 500"));

    // TODO 2. a timeout of 0 ms that logs "timeout 0"
    // TODO 3. a post that logs "post"
    // TODO 4. an interval of 100 ms that logs "tick 1", "tick 2", "tick 3", then cancels itself
    // TODO 5. a timeout of 150 ms that logs "timeout 150", then schedules
    //         a timeout of 0 ms that logs "timeout 0 from timeout 150", then
    //         a post that logs "post from timeout 150"
    // TODO 6. a timeout of 1000 ms that logs "too late", unref'd
  }
}
