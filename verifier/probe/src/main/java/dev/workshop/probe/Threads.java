package dev.workshop.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Tells the solution's own threads from everybody else's by identity, never by name: the
 * runtime announces its threads before starting them, the probe knows its own, and the JVM's
 * threads live outside the {@code main} thread group. A solution that names its thread
 * {@code pool-1} is still seen as starting a thread of its own.
 */
final class Threads {
  private final Set<Thread> runtime =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private final Set<Thread> probe =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private final Set<Thread> workers =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private final Thread main;
  private final ThreadGroup mainGroup;
  private final ThreadGroup root;

  Threads(Thread main) {
    this.main = main;
    this.mainGroup = main.getThreadGroup();
    ThreadGroup g = mainGroup;
    while (g.getParent() != null) g = g.getParent();
    this.root = g;
  }

  /** The runtime is about to start {@code t}: a pool thread or a process-output reader. */
  void runtimeThread(Thread t) {
    runtime.add(t);
  }

  /**
   * Whose a thread is, for the shared-memory counts: main, the loop's ({@code loop}, when not
   * main), a worker's, the pool's, the solution's own, or else the runtime's.
   */
  String role(Thread t, Thread loop) {
    if (t == main) return "main";
    if (t == loop) return "loop";
    if (isWorker(t)) return "worker";
    if (isPool(t)) return "pool";
    return isSolutionThread(t) ? "own" : "runtime";
  }

  /** A {@code Worker}'s thread: it runs the solution's code, but it is the runtime's worker. */
  void workerThread(Thread t) {
    workers.add(t);
  }

  boolean isWorker(Thread t) {
    return workers.contains(t);
  }

  void probeThread(Thread t) {
    probe.add(t);
  }

  boolean isRuntime(Thread t) {
    return runtime.contains(t);
  }

  /** Whether {@code t} belongs to the runtime's pool (by identity). */
  boolean isPool(Thread t) {
    return runtime.contains(t) && t.getName().startsWith("pool-");
  }

  /**
   * Whether {@code t} is a thread the solution (or a JDK facility it used, such as the common
   * fork-join pool or a {@code java.util.Timer}) started: not main, not the runtime's, not the
   * probe's, not one of the JVM's own.
   */
  boolean isSolutionThread(Thread t) {
    if (t == main || runtime.contains(t) || probe.contains(t) || workers.contains(t)) return false;
    ThreadGroup g = t.getThreadGroup();
    if (g == null) return false; // ended
    while (g != null && g != mainGroup) g = g.getParent();
    return g == mainGroup && !t.getName().equals("DestroyJavaVM");
  }

  /** The live threads of the solution's own. */
  List<Thread> solutionThreads() {
    Thread[] all = new Thread[root.activeCount() + 16];
    int n = root.enumerate(all, true);
    List<Thread> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (isSolutionThread(all[i])) out.add(all[i]);
    }
    return out;
  }
}
