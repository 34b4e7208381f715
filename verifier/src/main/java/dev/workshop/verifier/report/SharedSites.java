package dev.workshop.verifier.report;

import dev.workshop.probe.ReportFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The solution's plain {@code SharedBuffer.get} and {@code set} calls and its {@code Atomics.wait}
 * calls, counted per call site and thread by the probe ({@link ReportFormat#SHARED_SITE} records),
 * and the fact a verdict draws from them: a plain write that two threads made to the same element
 * of the same buffer. That is
 * the shape of an update that can be lost ({@code buf.set(i, buf.get(i) + 1)} from two workers),
 * whether or not this run happened to lose one: the counts say which threads ran which line, not
 * how their steps interleaved.
 */
public final class SharedSites {

  /**
   * One call site on one thread.
   *
   * @param site the call, worded as a frame: {@code Counters.main(Counters.java:31)}, with {@code
   *     " (a lambda)"} after a lambda's
   * @param thread the thread's name
   * @param role {@code main}, {@code loop}, {@code worker}, {@code pool}, {@code own} or {@code
   *     runtime}
   * @param operation {@code GET}, {@code SET} or {@code WAIT} (counted before the call: a wait the
   *     runtime refused on a loop thread counts too)
   * @param buffer the buffer's id, -1 when the site touched several buffers
   * @param count how many calls
   * @param minIndex the lowest element it touched
   * @param maxIndex the highest element it touched
   */
  public record Access(
      String site,
      String thread,
      String role,
      String operation,
      int buffer,
      long count,
      int minIndex,
      int maxIndex) {

    /** Whether this is a plain {@code set}. */
    public boolean write() {
      return operation.equals("SET");
    }

    /** Whether the two may have touched one element of one buffer. */
    boolean overlaps(Access other) {
      boolean sameBuffer = buffer < 0 || other.buffer < 0 || buffer == other.buffer;
      return sameBuffer && minIndex <= other.maxIndex && other.minIndex <= maxIndex;
    }
  }

  /**
   * A plain write by one thread and a plain write by another to the same element: updates may be
   * lost between them.
   *
   * @param write the first thread's write
   * @param other the other thread's write (the same site when both ran one line)
   * @param read a plain read the first thread made in the same method, when there is one: the
   *     write is then the end of a plain read-modify-write
   */
  public record Race(Access write, Access other, Optional<Access> read) {}

  private final Map<String, Access> accesses = new LinkedHashMap<>();

  SharedSites() {}

  /** Reads one {@link ReportFormat#SHARED_SITE} record; the last word for a site and thread wins. */
  void add(List<String> f) {
    Access a =
        new Access(
            f.get(1),
            f.get(2),
            f.get(3),
            f.get(4),
            Integer.parseInt(f.get(5)),
            Long.parseLong(f.get(6)),
            Integer.parseInt(f.get(7)),
            Integer.parseInt(f.get(8)));
    accesses.put(a.site() + "\t" + a.thread() + "\t" + a.operation(), a);
  }

  /** The {@code Atomics.wait} calls made on a thread of the given roles, first written first. */
  public List<Access> waitsOn(String... roles) {
    List<String> r = List.of(roles);
    return accesses.values().stream()
        .filter(a -> a.operation().equals("WAIT") && r.contains(a.role()))
        .toList();
  }

  /** Every site and thread, in the order they were written. */
  public List<Access> accesses() {
    return List.copyOf(accesses.values());
  }

  /**
   * The first plain write that another thread's plain write may have overwritten (same buffer,
   * overlapping elements), preferring one that ends a read-modify-write; empty when no two threads
   * wrote one element plainly.
   */
  public Optional<Race> race() {
    List<Access> writes = accesses.values().stream().filter(Access::write).toList();
    List<Race> found = new ArrayList<>();
    for (Access w : writes) {
      for (Access o : writes) {
        if (o.thread().equals(w.thread()) || !w.overlaps(o)) continue;
        found.add(new Race(w, o, readBefore(w)));
        break;
      }
    }
    return found.stream()
        .filter(r -> r.read().isPresent())
        .findFirst()
        .or(() -> found.stream().findFirst());
  }

  /** A plain read by the writer's thread, in the writer's method, of an element it writes. */
  private Optional<Access> readBefore(Access w) {
    String method = method(w.site());
    return accesses.values().stream()
        .filter(a -> a.operation().equals("GET") && a.thread().equals(w.thread()))
        .filter(a -> a.overlaps(w))
        .filter(a -> method(a.site()).equals(method))
        .findFirst();
  }

  /** {@code Counters.main} of {@code Counters.main(Counters.java:31)}. */
  private static String method(String site) {
    int paren = site.indexOf('(');
    return paren < 0 ? site : site.substring(0, paren);
  }
}
