package dev.workshop.probe.weave;

import dev.workshop.probe.BlockKind;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The tests' listener: installed once for the test JVM, keeps every event. */
final class Recorder implements WeaveListener {
  /** One event: what, on which thread, where, and what it carried. */
  record Event(String type, Thread thread, Thread current, int number, Site site, Object detail) {
    String className() {
      return site == null ? "" : site.className();
    }

    @Override
    public String toString() {
      return type
          + " on "
          + current.getName()
          + " at "
          + (site == null ? "?" : site.describe())
          + (detail == null ? "" : " " + detail)
          + (thread == null ? "" : " thread=" + thread.getName());
    }
  }

  private static Recorder installed;

  private final Queue<Event> events = new ConcurrentLinkedQueue<>();

  private Recorder() {}

  static synchronized Recorder get() {
    if (installed == null) {
      installed = new Recorder();
      Hooks.install(installed);
    }
    return installed;
  }

  private void add(String type, Thread thread, int site, Object detail) {
    events.add(new Event(type, thread, Thread.currentThread(), site, Sites.get(site), detail));
  }

  /**
   * The events at sites numbered from {@code mark} on ({@link Sites#count()} before the load) in a
   * class of {@code prefix} ({@code Threads} also takes {@code Threads$1}).
   */
  List<Event> of(int mark, String prefix) {
    return events.stream()
        .filter(e -> e.number() >= mark)
        .filter(e -> e.className().equals(prefix) || e.className().startsWith(prefix + "$"))
        .collect(Collectors.toList());
  }

  List<Event> of(int mark, String prefix, Predicate<Event> filter) {
    return of(mark, prefix).stream().filter(filter).collect(Collectors.toList());
  }

  @Override
  public void methodEntered(Thread thread, int method) {
    add("entered", thread, method, null);
  }

  @Override
  public void threadStarting(Thread thread, int site) {
    add("start", thread, site, null);
  }

  @Override
  public void threadRunCalledDirectly(Thread thread, int site) {
    add("run", thread, site, null);
  }

  @Override
  public void executorCreated(String what, int site) {
    add("executor", null, site, what);
  }

  @Override
  public void asyncStarted(String what, int site) {
    add("async", null, site, what);
  }

  @Override
  public void processStarted(Process process, List<String> command, int site) {
    add("process", null, site, process.pid() + " " + command);
  }

  @Override
  public void blockingStarted(BlockKind kind, int site) {
    add("blocking", null, site, kind);
  }

  @Override
  public void blockingEnded(BlockKind kind, int site) {
    add("ended", null, site, kind);
  }

  @Override
  public void lockWaitStarted(Object monitor, int site) {
    add("monitor", null, site, monitor);
  }

  @Override
  public void lockWaitEnded(int site) {
    add("monitored", null, site, null);
  }

  @Override
  public void exitCalled(int status, int site) {
    add("exit", null, site, status);
  }

  @Override
  public void polled(int site, long at) {
    add("polled", null, site, null);
  }

  @Override
  public void loopRunCalled(int site) {
    add("loop", null, site, null);
  }
}
