package dev.workshop.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal: every child process still running, so that none outlives the program. When a loop's
 * {@code run()} returns, its children still running are ended (and reported); when the JVM
 * exits, a shutdown hook ends every child left, and what each of them started.
 */
final class Children {
  private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static boolean hooked;

  private Children() {}

  static void add(ChildProcess child) {
    synchronized (Children.class) {
      if (!hooked) {
        hooked = true;
        Thread hook = new Thread(Children::endAll, "workshop-children-exit");
        var listener = dev.workshop.runtime.instrument.Instrumentation.listener();
        if (listener != null) listener.runtimeThreadStarting(hook); // it starts at exit
        Runtime.getRuntime().addShutdownHook(hook);
      }
    }
    LIVE.add(child);
  }

  static void remove(ChildProcess child) {
    LIVE.remove(child);
  }

  /** At the end of {@code loop.run()}, on its thread: its children still running are ended. */
  static void loopEnded(EventLoop loop) {
    if (LIVE.isEmpty()) return;
    for (ChildProcess c : LIVE) {
      if (c.loop == loop && c.running()) c.endWithLoop();
    }
  }

  private static void endAll() {
    for (ChildProcess c : LIVE) c.askToEnd(); // all at once: each may take its grace time
    for (ChildProcess c : LIVE) c.end();
  }
}
