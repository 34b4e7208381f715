package dev.workshop.probe;

import dev.workshop.runtime.instrument.SocketEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the runtime's TCP connections did, from {@code socketEvent}: every pause, resume, drain and
 * call off the loop thread as a record of its own ({@link ReportFormat#SOCKET}), the first write
 * refused after each drain, and per connection a summary ({@link ReportFormat#SOCKET_CONNECTION}):
 * the most bytes it ever kept queued, its writes, refused writes and calls off the loop thread.
 * Writes come one by one (a non-reading client makes thousands), so they are counted here, not
 * written; so are the calls off the loop thread after the first on each connection.
 */
final class SocketRecorder {
  private final Report report;
  private final Frames frames;

  /** Where the loop callback running now was registered; written on the loop thread. */
  private volatile StackTraceElement callbackSite;

  /** Per open connection: its port and counters; guarded by the connection's own entry. */
  private final Map<Long, Conn> open = new ConcurrentHashMap<>();

  private static final class Conn {
    final long id;
    final int port;
    long mostQueued;
    long writes;
    long refused;
    long offLoop;
    boolean refusing;

    Conn(long id, int port) {
      this.id = id;
      this.port = port;
    }
  }

  SocketRecorder(Report report, Frames frames) {
    this.report = report;
    this.frames = frames;
  }

  /** A loop callback starts: a pause or resume in it without a frame of the learner's (a method
   * reference such as {@code conn::resume}) is blamed on the line that registered it. */
  void callbackStarted(StackTraceElement registeredAt) {
    callbackSite = registeredAt;
  }

  void record(SocketEvent e) {
    Conn c = open.computeIfAbsent(e.connection(), id -> new Conn(id, e.remotePort()));
    boolean write;
    synchronized (c) {
      c.mostQueued = Math.max(c.mostQueued, e.queuedBytes());
      switch (e.kind()) {
        case WRITE -> {
          c.writes++;
          return;
        }
        case WRITE_REFUSED -> {
          c.writes++;
          c.refused++;
          if (c.refusing) return; // only the first refusal until the next drain
          c.refusing = true;
          write = true;
        }
        case DRAIN -> {
          c.refusing = false;
          write = true;
        }
        case OFF_LOOP -> {
          if (++c.offLoop > 1) return; // the first per connection, then counted
          write = true;
        }
        case CLOSED -> {
          open.remove(e.connection());
          summary(c, true);
          return;
        }
        default -> write = true;
      }
    }
    if (write) {
      report.write(
          ReportFormat.SOCKET,
          report.now(),
          e.connection(),
          e.kind().name(),
          e.remotePort(),
          e.queuedBytes(),
          Thread.currentThread().getName(),
          e.kind() == SocketEvent.Kind.OFF_LOOP ? e.call() : "",
          e.callSite() == null ? "" : site(e));
    }
  }

  /**
   * The learner's frame on the calling thread's stack; else, on the loop thread, where the
   * running callback was registered ("conn.onDrain(conn::resume)"); else the runtime's call site.
   */
  private String site(SocketEvent e) {
    StackTraceElement[] stack = new Throwable().getStackTrace();
    // The frame that called the Connection: the first above the probe, the Connection and the
    // JDK. A runtime frame there (the loop running a method reference) means no code of the
    // learner's called it directly; the learner's main further down only ran the loop.
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      if (c.startsWith("dev.workshop.probe.")
          || c.startsWith("dev.workshop.runtime.Connection")
          || c.startsWith("java.")
          || c.startsWith("jdk.")) {
        continue;
      }
      if (frames.isLearner(f)) return Frames.describe(f);
      break;
    }
    StackTraceElement registered = callbackSite;
    if (e.kind() != SocketEvent.Kind.OFF_LOOP && registered != null) {
      return Frames.describe(registered);
    }
    StackTraceElement blamed = frames.blamed(stack);
    return Frames.describe(blamed != null ? blamed : e.callSite());
  }

  /** At the deadline and at shutdown: the connections still open. */
  void finish() {
    for (Conn c : open.values()) {
      synchronized (c) {
        summary(c, false);
      }
    }
  }

  private void summary(Conn c, boolean closed) {
    report.write(
        ReportFormat.SOCKET_CONNECTION,
        c.id,
        c.port,
        c.mostQueued,
        c.writes,
        c.refused,
        closed ? 1 : 0,
        c.offLoop);
  }
}
