package dev.workshop.probe;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where an uncaught exception really came from. A learner who rethrows a pool job's error from
 * the after-work callback ({@code throw new IllegalStateException("failed", error)}) ends the
 * program on {@code main}, but the line to fix is the one inside the job, on a pool thread. This
 * remembers the exceptions the pool's jobs threw, and the thread each was thrown on, so that the
 * report can name the innermost cause thrown in the learner's code and its thread.
 *
 * <p>Threads: {@link #thrownInJob} runs on pool threads, {@link #of} on the thread that died.
 */
final class RootCause {

  /** The deepest cause to name: its thread ("" when not known), class, message and frame. */
  record Cause(String thread, String exception, String message, String frame) {}

  private static final int MOST_CAUSES = 20;

  // Looked up by identity (see thread): a learner's exception class may override equals. Bounded,
  // since a program may throw in many jobs: the newest are the ones a later crash rethrows.
  private final Map<Throwable, String> thrownOn =
      Collections.synchronizedMap(
          new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Throwable, String> eldest) {
              return size() > 256;
            }
          });

  /** Remembers that a pool job threw {@code thrown} on {@code thread}. */
  void thrownInJob(Throwable thrown, Thread thread) {
    thrownOn.put(thrown, thread.getName());
  }

  /**
   * The cause to name beside {@code top}, the exception the learner saw (unwrapped from the
   * runtime's and reflection's wrappers): the innermost one in its cause chain that was thrown in
   * the learner's code or by a pool job, when that is not {@code top} itself, or {@code top}
   * itself when a pool job threw it on another thread; else null.
   */
  Cause of(Throwable top, Frames frames) {
    Throwable deepest = null;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable c = top; c != null && seen.size() < MOST_CAUSES && seen.add(c); ) {
      if (frames.blamed(c.getStackTrace()) != null || thread(c) != null) deepest = c;
      c = c.getCause();
    }
    if (deepest == null || (deepest == top && thread(top) == null)) return null;
    String thread = thread(deepest);
    return new Cause(
        thread == null ? "" : thread,
        deepest.getClass().getName(),
        String.valueOf(deepest.getMessage()),
        Frames.describe(frames.blamed(deepest.getStackTrace())));
  }

  private String thread(Throwable t) {
    synchronized (thrownOn) {
      for (Map.Entry<Throwable, String> e : thrownOn.entrySet()) {
        if (e.getKey() == t) return e.getValue();
      }
    }
    return null;
  }
}
