package dev.workshop.probe;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * What the JVM itself tells about time that was not the solution's: safepoint pauses (GC
 * included), GC time alone, and how many bytes a thread allocated (to tell whose allocation a
 * collection was for). Built on a helper thread while the main thread warms up: the management
 * beans take tens of milliseconds to set up.
 */
final class VmClocks {
  final ThreadMXBean threads;
  private final List<GarbageCollectorMXBean> collectors;
  private final List<MemoryPoolMXBean> eden;
  private final MethodHandle safepointTime;
  private final MethodHandle safepointSyncTime;
  private final com.sun.management.ThreadMXBean allocation;

  VmClocks() {
    threads = ManagementFactory.getThreadMXBean();
    collectors = ManagementFactory.getGarbageCollectorMXBeans();
    eden =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Eden"))
            .toList();
    safepointTime = hotspotRuntime("getTotalSafepointTime");
    safepointSyncTime = hotspotRuntime("getSafepointSyncTime");
    com.sun.management.ThreadMXBean a =
        threads instanceof com.sun.management.ThreadMXBean sun ? sun : null;
    if (a != null && a.isThreadAllocatedMemorySupported() && !a.isThreadAllocatedMemoryEnabled()) {
      try {
        a.setThreadAllocatedMemoryEnabled(true);
      } catch (UnsupportedOperationException e) {
        a = null;
      }
    }
    allocation = a;
    allocatedByCurrentThread();
    gcMillis();
  }

  /** VM pauses so far, in ms: safepoint time where the JVM tells it, else GC time. */
  long pauseMillis() {
    if (safepointTime != null) {
      try {
        return (long) safepointTime.invoke();
      } catch (Throwable e) {
        // fall back to GC time
      }
    }
    return gcMillis();
  }

  /**
   * Time threads spent reaching safepoints so far, in ms (0 when unknown): on a busy machine a
   * thread that wakes up during that time waits for the safepoint too, though no CPU was denied
   * to it.
   */
  long safepointSyncMillis() {
    if (safepointSyncTime == null) return 0;
    try {
      return (long) safepointSyncTime.invoke();
    } catch (Throwable e) {
      return 0;
    }
  }

  /** Whether {@link #pauseMillis()} counts every safepoint, not only collections. */
  boolean safepointsKnown() {
    return safepointTime != null;
  }

  /** Whether {@link #safepointSyncMillis()} reads the JVM's counter (else it stays 0). */
  boolean safepointSyncKnown() {
    return safepointSyncTime != null;
  }

  /** Time spent in garbage collection so far, in ms. */
  long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Bytes the calling thread allocated so far, or -1 when the JVM does not tell. */
  long allocatedByCurrentThread() {
    if (allocation == null) return -1;
    try {
      return allocation.getCurrentThreadAllocatedBytes();
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }

  /** The young generation's allocation space (eden) as committed now, in bytes; -1 when unknown. */
  long edenBytes() {
    long total = 0;
    for (MemoryPoolMXBean p : eden) {
      long c = p.getUsage().getCommitted();
      if (c > 0) total += c;
    }
    return eden.isEmpty() ? -1 : total;
  }

  /**
   * A counter of HotSpot's runtime bean, in ms: total safepoint time (GC pauses included), or the
   * time to reach safepoints. It lives in an internal interface; the verifier opens it with
   * {@code --add-exports java.management/sun.management=ALL-UNNAMED}.
   */
  private static MethodHandle hotspotRuntime(String counter) {
    try {
      Class<?> helper = Class.forName("sun.management.ManagementFactoryHelper");
      Object bean = helper.getMethod("getHotspotRuntimeMBean").invoke(null);
      Class<?> type = Class.forName("sun.management.HotspotRuntimeMBean");
      // The probe's own lookup, not publicLookup(): the package is exported to the unnamed
      // module only (a qualified export), which a public lookup cannot see. With publicLookup()
      // these counters were never read, so no safepoint but a collection was ever forgiven.
      MethodHandle h =
          MethodHandles.lookup().findVirtual(type, counter, MethodType.methodType(long.class));
      MethodHandle bound = h.bindTo(bean);
      long ignored = (long) bound.invoke();
      return ignored >= 0 ? bound : null;
    } catch (Throwable e) {
      return null;
    }
  }
}
