package dev.workshop.cli.verify;

import com.google.gson.stream.JsonWriter;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.WorkerEvidence;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the probe recorded, in the Chrome Trace Event Format (the JSON that Perfetto's web UI,
 * {@code ui.perfetto.dev}, and {@code chrome://tracing} open as it is): one process per run of the
 * program, one track per thread, a slice per callback on {@code main}, per pool job on its pool
 * thread and per callback of a worker's own loop on the worker's thread (with its messages as
 * instants), the blocks the verdict names and the JVM's stop-the-world pauses as slices of their own,
 * and loop lag and the pool's queue length as counters.
 *
 * <p>Times are microseconds ({@code ts}, {@code dur}) from the probe's start of each run. The
 * format: "Trace Event Format", Google, the {@code traceEvents} array of the JSON Object Format.
 */
public final class ChromeTrace {
  /** The loop lag counter's period, ns: the timeline's heartbeat. */
  static final long LAG_PERIOD_NS = 10_000_000L;

  private static final int MAIN_TID = 1;
  private static final int PAUSE_TID = 0;

  private ChromeTrace() {}

  /**
   * Writes the runs as one trace.
   *
   * @param runs the runs of one {@code run} or {@code verify}, in order (each becomes a process)
   * @param budgetNs the exercise's blocking budget, ns: callbacks charged more are also blocks
   * @param out where the JSON goes; not closed
   * @throws IOException when {@code out} fails
   */
  public static void write(List<Run> runs, long budgetNs, Writer out) throws IOException {
    JsonWriter json = new JsonWriter(out);
    json.beginObject();
    json.name("displayTimeUnit").value("ms");
    json.name("traceEvents").beginArray();
    for (int i = 0; i < runs.size(); i++) {
      writeRun(json, i + 1, runs.get(i), budgetNs);
    }
    json.endArray();
    json.endObject();
    json.flush();
  }

  private static void writeRun(JsonWriter json, int pid, Run run, long budgetNs)
      throws IOException {
    ProbeReport r = run.report();
    metadata(json, "process_name", pid, 0, run.label());
    metadata(json, "thread_name", pid, MAIN_TID, "main");
    metadata(json, "thread_name", pid, PAUSE_TID, "JVM (stop-the-world pauses)");
    Map<String, Integer> tids = new LinkedHashMap<>();
    tids.put("main", MAIN_TID);
    for (ProbeReport.Job job : r.jobs()) {
      if (!tids.containsKey(job.thread())) {
        int tid = tids.size() + 1;
        tids.put(job.thread(), tid);
        metadata(json, "thread_name", pid, tid, job.thread());
      }
    }
    for (ProbeReport.Callback c : r.callbacks()) {
      String name =
          c.mainScript()
              ? "main script (before loop.run)"
              : c.kind().name().toLowerCase(java.util.Locale.ROOT) + " callback from " + c.site();
      slice(json, name, "callback", pid, MAIN_TID, c.start(), c.end());
      json.name("args").beginObject();
      json.name("cpu_ms").value(ms(c.cpu()));
      json.name("cpu_wait_ms").value(ms(c.cpuWait()));
      json.name("charged_ms").value(ms(r.charged(c)));
      json.name("finished").value(c.finished());
      json.endObject();
      json.endObject();
    }
    for (ProbeReport.Block b : r.blocks(budgetNs)) {
      String name =
          "blocked: " + b.kind().words() + (b.frame().isEmpty() ? "" : " in " + b.frame());
      slice(json, name, "block", pid, MAIN_TID, b.callback().start(), b.callback().end());
      json.name("args").beginObject();
      json.name("charged_ms").value(ms(b.charged()));
      json.name("detail").value(b.detail());
      json.endObject();
      json.endObject();
    }
    for (ProbeReport.Job job : r.jobs()) {
      slice(
          json,
          job.kind().toLowerCase(java.util.Locale.ROOT) + " job from " + job.site(),
          "pool job",
          pid,
          tids.get(job.thread()),
          job.start(),
          job.end());
      json.name("args").beginObject();
      json.name("cpu_ms").value(ms(job.cpu()));
      json.name("queued_ms").value(ms(job.waited()));
      if (!job.thrown().isEmpty()) json.name("threw").value(job.thrown());
      json.endObject();
      json.endObject();
    }
    workerSlices(json, pid, r, tids);
    for (ProbeReport.Stall s : r.stalls()) {
      slice(json, "stop-the-world pause", "pause", pid, PAUSE_TID, s.from(), s.to());
      json.endObject();
    }
    counters(json, pid, r);
    forkedProcesses(json, pid, run, r);
  }

  /**
   * A process per JVM the program forked (trace pid {@code 1000 × the run's + n}), named with its
   * real pid and role: its main thread's callbacks and its pool jobs, on the program's clock.
   */
  private static void forkedProcesses(JsonWriter json, int runPid, Run run, ProbeReport r)
      throws IOException {
    List<ProbeReport> all = r.allProcesses();
    for (int n = 1; n < all.size(); n++) {
      ProbeReport f = all.get(n);
      int pid = runPid * 1000 + n;
      long shift = f.origin() - r.origin();
      metadata(
          json, "process_name", pid, 0, run.label() + " · pid " + f.pid() + " (" + f.role() + ")");
      metadata(json, "thread_name", pid, MAIN_TID, "main");
      Map<String, Integer> tids = new LinkedHashMap<>();
      tids.put("main", MAIN_TID);
      for (ProbeReport.Callback c : f.callbacks()) {
        String name =
            c.mainScript()
                ? "main script (before loop.run)"
                : c.kind().name().toLowerCase(java.util.Locale.ROOT) + " callback from " + c.site();
        slice(json, name, "callback", pid, MAIN_TID, c.start() + shift, c.end() + shift);
        json.name("args").beginObject();
        json.name("cpu_ms").value(ms(c.cpu()));
        json.name("cpu_wait_ms").value(ms(c.cpuWait()));
        json.endObject();
        json.endObject();
      }
      for (ProbeReport.Job job : f.jobs()) {
        Integer tid = tids.get(job.thread());
        if (tid == null) {
          tid = tids.size() + 1;
          tids.put(job.thread(), tid);
          metadata(json, "thread_name", pid, tid, job.thread());
        }
        slice(
            json,
            job.kind().toLowerCase(java.util.Locale.ROOT) + " job from " + job.site(),
            "pool job",
            pid,
            tid,
            job.start() + shift,
            job.end() + shift);
        json.endObject();
      }
    }
  }

  /**
   * A track per worker thread, a slice per callback its own loop ran (its main first), and each
   * message it sent or got as an instant on the receiving thread's track.
   */
  private static void workerSlices(
      JsonWriter json, int pid, ProbeReport r, Map<String, Integer> tids) throws IOException {
    WorkerEvidence w = r.workers();
    for (WorkerEvidence.Worker worker : w.workers()) {
      if (!tids.containsKey(worker.thread())) {
        int tid = tids.size() + 1;
        tids.put(worker.thread(), tid);
        metadata(json, "thread_name", pid, tid, worker.thread() + " (worker)");
      }
    }
    for (WorkerEvidence.Callback c : w.callbacks()) {
      Integer tid = tids.get(c.thread());
      if (tid == null) continue;
      String name =
          c.mainScript()
              ? "worker main (before its loop)"
              : c.kind().toLowerCase(java.util.Locale.ROOT) + " callback from " + c.site();
      slice(json, name, "worker callback", pid, tid, c.start(), c.end());
      json.name("args").beginObject();
      json.name("cpu_ms").value(ms(c.cpu()));
      if (!c.thrown().isEmpty()) json.name("threw").value(c.thrown());
      json.endObject();
      json.endObject();
    }
    for (WorkerEvidence.Message m : w.messages()) {
      Integer tid = tids.get(m.received() ? m.receivedOn() : m.from());
      if (tid == null) continue;
      json.beginObject();
      json.name("name").value("message " + m.type() + " from " + m.from());
      json.name("cat").value("message");
      json.name("ph").value("i");
      json.name("s").value("t");
      json.name("ts").value(us(m.received() ? m.receivedAt() : m.postedAt()));
      json.name("pid").value(pid);
      json.name("tid").value(tid);
      json.name("args").beginObject();
      json.name("posted_ms").value(ms(m.postedAt()));
      json.name("copied").value(m.copied());
      json.endObject();
      json.endObject();
    }
  }

  /** Loop lag every 10 ms from the first callback on, and the queue length at each change. */
  private static void counters(JsonWriter json, int pid, ProbeReport r) throws IOException {
    List<ProbeReport.Callback> callbacks = r.callbacks();
    long[] lag = r.lag(LAG_PERIOD_NS);
    if (!callbacks.isEmpty()) {
      long from = callbacks.get(0).start();
      for (int i = 0; i < lag.length; i++) {
        counter(json, "loop lag (ms)", pid, from + i * LAG_PERIOD_NS, "lag", ms(lag[i]));
      }
    }
    // A job is queued from (start - waited) to start; +1 and -1 at those times give the length.
    TreeMap<Long, Integer> changes = new TreeMap<>();
    for (ProbeReport.Job job : r.jobs()) {
      if (job.waited() < 0) continue;
      changes.merge(job.start() - job.waited(), 1, Integer::sum);
      changes.merge(job.start(), -1, Integer::sum);
    }
    int length = 0;
    for (Map.Entry<Long, Integer> e : changes.entrySet()) {
      length += e.getValue();
      counter(json, "pool queue (jobs)", pid, e.getKey(), "queued", length);
    }
  }

  private static void metadata(JsonWriter json, String what, int pid, int tid, String name)
      throws IOException {
    json.beginObject();
    json.name("name").value(what);
    json.name("ph").value("M");
    json.name("pid").value(pid);
    json.name("tid").value(tid);
    json.name("args").beginObject().name("name").value(name).endObject();
    json.endObject();
  }

  /** Opens a complete event ({@code ph: X}); the caller may add {@code args}, then closes it. */
  private static void slice(
      JsonWriter json, String name, String category, int pid, int tid, long startNs, long endNs)
      throws IOException {
    json.beginObject();
    json.name("name").value(name);
    json.name("cat").value(category);
    json.name("ph").value("X");
    json.name("ts").value(us(startNs));
    json.name("dur").value(us(Math.max(0, endNs - startNs)));
    json.name("pid").value(pid);
    json.name("tid").value(tid);
  }

  private static void counter(
      JsonWriter json, String name, int pid, long atNs, String series, double value)
      throws IOException {
    json.beginObject();
    json.name("name").value(name);
    json.name("ph").value("C");
    json.name("ts").value(us(atNs));
    json.name("pid").value(pid);
    json.name("tid").value(MAIN_TID);
    json.name("args").beginObject().name(series).value(value).endObject();
    json.endObject();
  }

  private static double us(long ns) {
    return Math.round(ns / 100.0) / 10.0; // 0.1 µs: enough, and short
  }

  private static double ms(long ns) {
    return ns < 0 ? -1 : Math.round(ns / 10_000.0) / 100.0;
  }
}
