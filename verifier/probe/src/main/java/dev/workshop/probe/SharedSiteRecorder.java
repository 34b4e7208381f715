package dev.workshop.probe;

import dev.workshop.probe.weave.Site;
import dev.workshop.probe.weave.Sites;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Counts the solution's plain {@code SharedBuffer.get} and {@code set} calls, and its {@code
 * Atomics.wait} calls, per call site and thread, for the verdicts that name a plain
 * read-modify-write run by two threads and a wait on the loop thread (SHARED MEMORY).
 * The woven {@code SharedHooks} call {@link #count} on every plain access: a thread-local array
 * indexed by the site's number, no lock and no record; {@link #write} turns the counts into one
 * {@link ReportFormat#SHARED_SITE} record per site and thread at the end of the run (and at the
 * deadline: the last one counts).
 *
 * <p>Each thread writes its own arrays only; {@link #write} reads them from another thread, at the
 * end (after the threads ended) or at the deadline (then a count may be a little behind, which no
 * verdict depends on: two threads at one site is a fact as soon as both counted once).
 */
public final class SharedSiteRecorder {
  private static final List<PerThread> ALL = new CopyOnWriteArrayList<>();
  private static final ThreadLocal<PerThread> MINE =
      ThreadLocal.withInitial(
          () -> {
            PerThread p = new PerThread(Thread.currentThread());
            ALL.add(p);
            return p;
          });

  private static final byte GET = 0;
  private static final byte SET = 1;
  private static final byte WAIT = 2;
  private static final String[] OPERATIONS = {"GET", "SET", "WAIT"};

  private SharedSiteRecorder() {}

  /**
   * Counts one plain access, on the thread that made it.
   *
   * @param site the call site's number ({@link Sites})
   * @param bufferId the buffer's id
   * @param index the element
   * @param write {@code true} for {@code set}, {@code false} for {@code get}
   */
  public static void count(int site, int bufferId, int index, boolean write) {
    MINE.get().add(site, bufferId, index, write ? SET : GET);
  }

  /**
   * Counts one {@code Atomics.wait} call, on the thread that makes it, before it is made.
   *
   * @param site the call site's number ({@link Sites})
   * @param bufferId the buffer's id
   * @param index the element
   */
  public static void waitCalled(int site, int bufferId, int index) {
    MINE.get().add(site, bufferId, index, WAIT);
  }

  /**
   * Writes {@code shmsite <site> <thread> <role> <GET|SET|WAIT> <buffer id, -1 for several> <count>
   * <lowest index> <highest index>}, one per site and thread that made a plain access or a wait.
   */
  static void write(Report report, Function<Thread, String> role) {
    for (PerThread p : ALL) {
      long[] count = p.count;
      for (int s = 0; s < count.length; s++) {
        if (count[s] == 0 || s >= p.operation.length) continue;
        Site site = Sites.get(s);
        report.write(
            ReportFormat.SHARED_SITE,
            site == null ? "" : site.describe(),
            p.thread.getName(),
            role.apply(p.thread),
            OPERATIONS[p.operation[s]],
            p.buffer[s],
            count[s],
            p.min[s],
            p.max[s]);
      }
    }
  }

  /** One thread's counts, indexed by site number; written by that thread only. */
  private static final class PerThread {
    final Thread thread;
    long[] count = new long[0];
    int[] buffer = new int[0];
    int[] min = new int[0];
    int[] max = new int[0];
    byte[] operation = new byte[0];

    PerThread(Thread thread) {
      this.thread = thread;
    }

    void add(int site, int bufferId, int index, byte op) {
      if (site < 0) return;
      if (site >= count.length) grow(site);
      if (count[site]++ == 0) {
        buffer[site] = bufferId;
        min[site] = index;
        max[site] = index;
        operation[site] = op;
        return;
      }
      if (index < min[site]) min[site] = index;
      if (index > max[site]) max[site] = index;
      if (buffer[site] != bufferId) buffer[site] = -1;
    }

    private void grow(int site) {
      int n = Math.max(site + 1, Math.max(64, count.length * 2));
      // The new arrays are filled before count is replaced: write() reads count first.
      buffer = Arrays.copyOf(buffer, n);
      min = Arrays.copyOf(min, n);
      max = Arrays.copyOf(max, n);
      operation = Arrays.copyOf(operation, n);
      count = Arrays.copyOf(count, n);
    }
  }
}
