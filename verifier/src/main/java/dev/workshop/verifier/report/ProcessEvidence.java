package dev.workshop.verifier.report;

import dev.workshop.probe.ReportFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the probe of one JVM saw of the child processes the runtime started in it ({@code
 * loop.spawn}, {@code loop.fork}, {@code Cluster.fork}), their exits and the messages between
 * processes; and, for each forked JVM, that JVM's own report (its probe reports on a connection of
 * its own). Read from the {@code child}, {@code cexit} and {@code ipc} records ({@link
 * ReportFormat}); reached through {@link ProbeReport#processes()}.
 *
 * <p>Times are milliseconds since the program's probe started (the first JVM's), whichever JVM's
 * report they come from: on Linux every JVM reads the same monotonic clock, so a fork's times are
 * moved by the difference of the two probes' origins. Elsewhere the JVMs' clocks need not agree,
 * and a fork's times may be off by as much as they differ.
 */
public final class ProcessEvidence {
  /**
   * A child process the runtime started in this JVM.
   *
   * @param pid its pid
   * @param parentPid the pid of the JVM that started it (this report's {@link ProbeReport#pid()})
   * @param kind {@code spawn}, {@code fork} or {@code cluster-worker}
   * @param command the main class and its arguments for a fork, the program and its arguments for
   *     a spawn
   * @param site the solution's line that started it, {@code Class.method(File.java:N)}, or empty
   * @param thread the thread that started it
   * @param startedAtMs when it started
   * @param exitCode its exit code (128 + N: ended by signal N), empty when it had not exited by
   *     the end of the report
   * @param endedByRuntime whether the runtime ended it because the loop that started it ended
   *     (or the JVM exited) first: a child nobody waited for
   * @param exitedAtMs when it exited, -1 when it had not
   * @param sent how many messages this JVM sent to it
   * @param received how many messages this JVM received from it
   * @param report the forked JVM's own report (its main thread's callbacks, blocks, threads, its
   *     own {@link ProbeReport#processes()}); empty for a spawned program, or when the fork's
   *     probe never connected
   */
  public record Child(
      long pid,
      long parentPid,
      String kind,
      String command,
      String site,
      String thread,
      long startedAtMs,
      OptionalInt exitCode,
      boolean endedByRuntime,
      long exitedAtMs,
      int sent,
      int received,
      Optional<ProbeReport> report) {
    /** Whether it is a JVM the runtime forked ({@code fork} or {@code cluster-worker}). */
    public boolean forked() {
      return !kind.equals("spawn");
    }

    @Override
    public String toString() {
      return kind + " " + pid + " (" + command + ")";
    }
  }

  /**
   * A message between processes.
   *
   * @param sent true when this JVM sent it, false when it received it
   * @param fromPid the sender's pid
   * @param toPid the receiver's pid
   * @param type the class name of its value
   * @param bytes the size of its copy that crossed between the processes
   * @param thread the thread that sent or received it
   * @param atMs when
   */
  public record Message(
      boolean sent, long fromPid, long toPid, String type, int bytes, String thread, long atMs) {}

  private final Map<Long, long[]> exits = new LinkedHashMap<>();
  private final List<List<String>> started = new ArrayList<>();
  private final List<Message> messages = new ArrayList<>();
  private final Map<Long, ProbeReport> reports = new LinkedHashMap<>();
  private long shiftNs;
  private List<Child> children;

  /** One {@code child}, {@code cexit} or {@code ipc} record. */
  void add(List<String> f) {
    switch (f.get(0)) {
      case ReportFormat.CHILD -> started.add(f);
      case ReportFormat.CHILD_EXIT ->
          exits.put(
              Long.parseLong(f.get(2)),
              new long[] {
                Long.parseLong(f.get(1)),
                Integer.parseInt(f.get(3)),
                Boolean.parseBoolean(f.get(4)) ? 1 : 0
              });
      case ReportFormat.IPC -> messages.add(message(f));
      default -> {}
    }
    children = null;
  }

  private Message message(List<String> f) {
    return new Message(
        f.get(2).equals("sent"),
        Long.parseLong(f.get(3)),
        Long.parseLong(f.get(4)),
        f.get(5),
        Integer.parseInt(f.get(6)),
        f.get(7),
        Long.parseLong(f.get(1)));
  }

  /** The report of the forked JVM {@code pid}. */
  void attach(long pid, ProbeReport report) {
    reports.put(pid, report);
    children = null;
  }

  /** Moves this report's times onto the program's clock: {@code shiftNs} is added to each. */
  void shift(long shiftNs) {
    this.shiftNs = shiftNs;
    children = null;
  }

  private long ms(long ns) {
    return ns < 0 ? -1 : Math.round((ns + shiftNs) / 1e6);
  }

  /** Every child process the runtime started in this JVM, in the order they started. */
  public List<Child> children() {
    if (children == null) {
      List<Child> list = new ArrayList<>();
      for (List<String> f : started) {
        long pid = Long.parseLong(f.get(2));
        long[] exit = exits.get(pid);
        list.add(
            new Child(
                pid,
                Long.parseLong(f.get(3)),
                f.get(4),
                f.size() > 7 ? f.get(7) : "",
                f.get(6),
                f.get(5),
                ms(Long.parseLong(f.get(1))),
                exit == null ? OptionalInt.empty() : OptionalInt.of((int) exit[1]),
                exit != null && exit[2] == 1,
                exit == null ? -1 : ms(exit[0]),
                (int) messages.stream().filter(m -> m.sent && m.toPid == pid).count(),
                (int) messages.stream().filter(m -> !m.sent && m.fromPid == pid).count(),
                Optional.ofNullable(reports.get(pid))));
      }
      children = List.copyOf(list);
    }
    return children;
  }

  /** Every message between this JVM and another process, in the order they were sent or read. */
  public List<Message> messages() {
    List<Message> shifted = new ArrayList<>();
    for (Message m : messages)
      shifted.add(new Message(m.sent, m.fromPid, m.toPid, m.type, m.bytes, m.thread, ms(m.atMs)));
    return List.copyOf(shifted);
  }
}
