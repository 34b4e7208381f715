package dev.workshop.verifier.report;

import dev.workshop.probe.BlockKind;
import dev.workshop.probe.ReportFormat;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.verifier.report.ProbeReport.Callback;
import dev.workshop.verifier.report.ProbeReport.Exit;
import dev.workshop.verifier.report.ProbeReport.ExitCall;
import dev.workshop.verifier.report.ProbeReport.Facility;
import dev.workshop.verifier.report.ProbeReport.Job;
import dev.workshop.verifier.report.ProbeReport.ProcessStart;
import dev.workshop.verifier.report.ProbeReport.Ran;
import dev.workshop.verifier.report.ProbeReport.RawThread;
import dev.workshop.verifier.report.ProbeReport.RunCall;
import dev.workshop.verifier.report.ProbeReport.Sampled;
import dev.workshop.verifier.report.ProbeReport.Spawned;
import dev.workshop.verifier.report.ProbeReport.Spin;
import dev.workshop.verifier.report.ProbeReport.Stall;
import dev.workshop.verifier.report.ProbeReport.ThreadStart;
import dev.workshop.verifier.report.ProbeReport.ThreadState;
import dev.workshop.verifier.report.ProbeReport.Uncaught;
import dev.workshop.verifier.report.ProbeReport.Violation;
import dev.workshop.verifier.report.ProbeReport.Wait;
import dev.workshop.verifier.report.ProbeReport.Write;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the probe's report, line by line ({@link ReportFormat}), into a {@link ProbeReport}. A
 * line that makes no sense (cut short by a killed JVM) is skipped; the rest is kept.
 */
final class ReportParser {
  private ReportParser() {}

  /**
   * How long after a stall's end its SIGCONT may be recorded, ns: the heartbeat and the JDK's
   * signal thread both wake up at the SIGCONT, in either order, and on a busy machine either may
   * wait for a CPU.
   */
  static final long CONT_SLACK_NS = 1_000_000_000L;

  /** The report of these lines, as the probe wrote them. */
  static ProbeReport parse(List<String> lines) {
    ProbeReport r = new ProbeReport();
    r.lines = List.copyOf(lines);
    for (String line : lines) {
      if (!line.isEmpty()) add(r, ReportFormat.fields(line));
    }
    // A late heartbeat is a stop of the JVM only when SIGCONT ended it: on a busy machine a long
    // safepoint held every thread as long, and counted as a stall it erased a 200 ms sleep.
    r.stalls.removeIf(
        st -> r.continued.stream().noneMatch(t -> t >= st.from() && t <= st.to() + CONT_SLACK_NS));
    return r;
  }

  private static void add(ProbeReport r, List<String> f) {
    try {
      switch (f.get(0)) {
        case ReportFormat.START -> {
          r.origin = Long.parseLong(f.get(1));
          r.cores = Integer.parseInt(f.get(2));
          r.schedstat = Boolean.parseBoolean(f.get(3));
          if (f.size() > 4) r.clock = f.get(4);
        }
        case ReportFormat.LOOP -> {
          if (f.get(1).equals("started")) r.loopStarted = true;
          if (f.get(1).equals("ended")) r.loopEnded = true;
        }
        case ReportFormat.CALLBACK -> {
          Callback c =
              new Callback(
                  l(f, 1),
                  f.get(2).equals(ProbeReport.MAIN) ? null : CallbackKind.valueOf(f.get(2)),
                  f.get(3),
                  l(f, 4),
                  l(f, 5),
                  l(f, 6),
                  l(f, 7),
                  l(f, 8),
                  f.get(9).equals("1"),
                  opt(f, 10, 0),
                  opt(f, 11, -1),
                  opt(f, 12, -1),
                  opt(f, 13, 0));
          if (c.mainScript()) {
            if (r.mainScript == null || c.end() >= r.mainScript.end()) r.mainScript = c;
            time(r, c.end());
            return;
          }
          // A callback still running is written at the deadline and again at r.shutdown: keep the
          // last word on it.
          Integer seen = r.callbackIndex.putIfAbsent(c.id(), r.callbacks.size());
          if (seen == null) {
            r.callbacks.add(c);
          } else if (c.end() >= r.callbacks.get(seen).end()) {
            r.callbacks.set(seen, c);
          }
          time(r, c.end());
        }
        case ReportFormat.BLOCK -> {
          Map<String, Long> kinds = new LinkedHashMap<>();
          for (String kv : f.get(4).split(",")) {
            int colon = kv.indexOf(':');
            if (colon > 0)
              kinds.put(kv.substring(0, colon), Long.parseLong(kv.substring(colon + 1)));
          }
          r.sampled.put(
              l(f, 1),
              new Sampled(
                  l(f, 1),
                  Integer.parseInt(f.get(2)),
                  l(f, 3),
                  kinds,
                  f.get(5).isEmpty() ? null : BlockKind.ofCode(f.get(5)),
                  f.get(6),
                  f.get(7),
                  opt(f, 9, -1),
                  opt(f, 10, -1)));
        }
        case ReportFormat.JOB -> {
          r.jobs.add(
              new Job(
                  l(f, 1),
                  f.get(2),
                  f.get(3),
                  l(f, 4),
                  l(f, 5),
                  f.get(6),
                  f.size() <= 7 || Boolean.parseBoolean(f.get(7)),
                  f.size() <= 8 ? -1 : l(f, 8),
                  opt(f, 9, -1),
                  f.size() <= 10 || f.get(10).isEmpty() ? "WORK" : f.get(10)));
          time(r, l(f, 5));
        }
        case ReportFormat.POOL -> r.poolSize = Integer.parseInt(f.get(1));
        case ReportFormat.CONCURRENCY -> {
          r.mostAtOnce = Integer.parseInt(f.get(1));
          r.longestQueue = Integer.parseInt(f.get(2));
        }
        case ReportFormat.THREAD ->
            r.rawThreads.add(
                new RawThread(f.get(1), l(f, 2), Boolean.parseBoolean(f.get(3)), f.get(4)));
        case ReportFormat.CONFINEMENT ->
            r.violations.add(new Violation(l(f, 1), f.get(2), f.get(3), f.get(4)));
        case ReportFormat.UNCAUGHT ->
            r.uncaught.add(
                new Uncaught(
                    l(f, 1),
                    f.get(2),
                    f.get(3),
                    f.get(4),
                    f.get(5),
                    f.size() > 9 && !f.get(7).isEmpty()
                        ? new ProbeReport.Cause(f.get(6), f.get(7), f.get(8), f.get(9))
                        : null));
        case ReportFormat.EXIT -> r.exit = new Exit(l(f, 1), f.get(2), f.get(3));
        case ReportFormat.MAIN -> {
          r.mainEnded = f.get(2);
          time(r, l(f, 1));
        }
        case ReportFormat.STUCK, ReportFormat.ALIVE -> {
          ThreadState s =
              new ThreadState(
                  l(f, 1), f.get(2), f.get(3), BlockKind.ofCode(f.get(4)), f.get(5), f.get(6));
          (f.get(0).equals(ReportFormat.STUCK) ? r.stuck : r.alive).add(s);
        }
        case ReportFormat.DEADLOCK -> r.deadlocks.add(f.get(2));
        case ReportFormat.SPAWN -> r.spawned.add(new Spawned(l(f, 1), l(f, 2), f.get(3)));
        case ReportFormat.STALL -> r.stalls.add(new Stall(l(f, 1), l(f, 2)));
        case ReportFormat.CONT -> r.continued.add(l(f, 1));
        case ReportFormat.RAN ->
            r.ran.add(new Ran(l(f, 1), f.get(2), f.get(3), f.get(4).equals("learner"), f.get(5)));
        case ReportFormat.THREAD_START ->
            r.threadStarts.add(
                new ThreadStart(
                    l(f, 1), f.get(2), Boolean.parseBoolean(f.get(3)), f.get(4), f.get(5)));
        case ReportFormat.RUN_CALL ->
            r.runCalls.add(new RunCall(l(f, 1), f.get(2), f.get(3), f.get(4)));
        case ReportFormat.FACILITY ->
            r.facilities.add(new Facility(l(f, 1), f.get(2), f.get(3), f.get(4)));
        case ReportFormat.PROCESS ->
            r.processStarts.add(new ProcessStart(l(f, 1), l(f, 2), f.get(3), f.get(4), f.get(5)));
        case ReportFormat.WAIT -> {
          if (!f.get(2).equals("unfinished")) {
            r.waits
                .computeIfAbsent(l(f, 1), k -> new ArrayList<>())
                .add(new Wait(l(f, 1), BlockKind.ofCode(f.get(2)), l(f, 3), f.get(4)));
          }
        }
        case ReportFormat.SPIN ->
            // Older records have no CPU field: their site is field 5.
            r.spins.put(
                l(f, 1),
                f.size() >= 7
                    ? new Spin(l(f, 1), l(f, 2), l(f, 3), l(f, 4), l(f, 5), f.get(6))
                    : new Spin(l(f, 1), l(f, 2), l(f, 3), l(f, 4), -1, f.get(5)));
        case ReportFormat.EXIT_CALL ->
            r.exitCalls.add(new ExitCall(l(f, 1), Integer.parseInt(f.get(2)), f.get(3), f.get(4)));
        case ReportFormat.LOOP_RUN -> r.loopRunSites.add(f.get(3));
        case ReportFormat.LOOP_NEW -> r.loopCreated |= f.get(3).equals("1");
        case ReportFormat.WORKER,
            ReportFormat.WORKER_EXIT,
            ReportFormat.WORKER_CALLBACK,
            ReportFormat.MESSAGE,
            ReportFormat.SHARED,
            ReportFormat.SHARED_SITE,
            ReportFormat.WORKER_BACK ->
            r.workers.add(f);
        case ReportFormat.OUT ->
            r.writes.add(new Write(l(f, 1), l(f, 2), Integer.parseInt(f.get(3)), f.get(4)));
        case ReportFormat.SOCKET, ReportFormat.SOCKET_CONNECTION -> r.sockets.add(f);
        case ReportFormat.SELF -> {
          r.pid = l(f, 1);
          r.parentPid = l(f, 2);
          r.role = f.get(3);
        }
        case ReportFormat.CHILD, ReportFormat.CHILD_EXIT, ReportFormat.IPC -> r.processes.add(f);
        case ReportFormat.END -> {
          if (f.get(2).equals("deadline")) r.deadlineReached = true;
          if (f.get(2).equals("r.shutdown")) r.shutdown = true;
          time(r, l(f, 1));
        }
        default -> {}
      }
    } catch (RuntimeException e) {
      // A line cut short by a killed JVM: skip it, keep the rest.
    }
  }

  private static void time(ProbeReport r, long t) {
    r.lastTime = Math.max(r.lastTime, t);
  }

  private static long l(List<String> f, int i) {
    return Long.parseLong(f.get(i));
  }

  /** Field {@code i}, or {@code fallback} when the record is older and does not have it. */
  private static long opt(List<String> f, int i, long fallback) {
    return f.size() > i && !f.get(i).isEmpty() ? Long.parseLong(f.get(i)) : fallback;
  }
}
