package dev.workshop.verifier.report;

import dev.workshop.probe.ReportFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runtime's TCP connections did in one run, from the probe's {@link ReportFormat#SOCKET}
 * and {@link ReportFormat#SOCKET_CONNECTION} records ({@code SocketRecorder} in the probe): which
 * of the learner's calls paused and resumed which connection, at which line; when a write was
 * refused and when the connection drained; how many bytes each connection kept queued at most;
 * and every call made on a connection off the loop thread. Connections are named by their id and
 * the other side's port, which the verifier (the client) knows as its own.
 */
public final class SocketEvidence {

  /**
   * One event on one connection.
   *
   * @param at report time, ns
   * @param connection the connection's id
   * @param kind the runtime's {@code SocketEvent.Kind}: {@code WRITE_REFUSED} (the first after each
   *     drain), {@code PAUSE}, {@code RESUME}, {@code DRAIN}, {@code OFF_LOOP}
   * @param port the other side's port
   * @param queued the bytes kept queued right after it
   * @param thread the thread it happened on
   * @param call for {@code OFF_LOOP}, the method called
   * @param site the learner's call site ({@code Echo.serve(Echo.java:12)}), or empty
   */
  public record Event(
      long at,
      long connection,
      String kind,
      int port,
      long queued,
      String thread,
      String call,
      String site) {}

  /**
   * One connection's summary.
   *
   * @param connection its id
   * @param port the other side's port
   * @param mostQueued the most bytes it ever kept queued (written, not yet sent)
   * @param writes the learner's writes on it
   * @param refused how many of them returned {@code false}
   * @param closed whether it had closed when the summary was written
   * @param offLoop how many calls were made on it off the loop thread (only the first has an
   *     {@link Event} of its own)
   */
  public record Conn(
      long connection,
      int port,
      long mostQueued,
      long writes,
      long refused,
      boolean closed,
      long offLoop) {}

  private final List<Event> events = new ArrayList<>();
  private final Map<Long, Conn> connections = new LinkedHashMap<>();

  SocketEvidence() {}

  /** Reads one record, {@code sock} or {@code sockconn}, split into fields. */
  void add(List<String> f) {
    if (f.get(0).equals(ReportFormat.SOCKET)) {
      events.add(
          new Event(
              Long.parseLong(f.get(1)),
              Long.parseLong(f.get(2)),
              f.get(3),
              Integer.parseInt(f.get(4)),
              Long.parseLong(f.get(5)),
              f.get(6),
              f.get(7),
              f.get(8)));
    } else {
      Conn c =
          new Conn(
              Long.parseLong(f.get(1)),
              Integer.parseInt(f.get(2)),
              Long.parseLong(f.get(3)),
              Long.parseLong(f.get(4)),
              Long.parseLong(f.get(5)),
              f.get(6).equals("1"),
              f.size() > 7 ? Long.parseLong(f.get(7)) : 0);
      connections.put(c.connection(), c); // the last summary counts
    }
  }

  /** Every event, in the order the probe wrote them. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /** The events of the connection whose other side has this port, in order. */
  public List<Event> events(int port) {
    return events.stream().filter(e -> e.port() == port).toList();
  }

  /** How many calls were made on connections off the loop thread, in all (each threw). */
  public long offLoopCalls() {
    long counted = connections.values().stream().mapToLong(Conn::offLoop).sum();
    return Math.max(counted, offLoop().size());
  }

  /**
   * The first call made off the loop thread on each connection (each threw), in order; {@link
   * #offLoopCalls()} counts them all.
   */
  public List<Event> offLoop() {
    return events.stream().filter(e -> e.kind().equals("OFF_LOOP")).toList();
  }

  /** Every connection that was written to, paused or resumed. */
  public List<Conn> connections() {
    return List.copyOf(connections.values());
  }

  /** The connection whose other side has this port, if it was written to, paused or resumed. */
  public Optional<Conn> connection(int port) {
    return connections.values().stream().filter(c -> c.port() == port).findFirst();
  }
}
