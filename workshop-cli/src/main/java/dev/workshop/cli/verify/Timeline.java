package dev.workshop.cli.verify;

import dev.workshop.cli.Style;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.ProbeReport.Block;
import dev.workshop.verifier.report.ProbeReport.Callback;
import dev.workshop.verifier.report.ProbeReport.Job;
import dev.workshop.verifier.report.WorkerEvidence;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A per-thread picture of one run in the terminal: for main, each pool thread and each worker
 * thread, when it ran the solution's code, sat idle or was blocked past the budget, on a common time axis; then the loop
 * lag as a sparkline.
 *
 * <pre>
 *   main    ▆·····▆·····▆████████████████▆····▆
 *   pool-1  ··········▒▒▒▒▒▒▒▒▒▒▒▒·············
 *   lag     ▁▁▁▁▁▁▁▁▁▁▁▁█▇▆▅▄▃▂▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁  p50 0 ms · p99 480 ms · max 510 ms
 * </pre>
 */
public final class Timeline {
  private static final String SPARKS = "▁▂▃▄▅▆▇█";
  private static final int LABEL = 9;

  private final PrintWriter out;
  private final boolean color;
  private final int width;

  public Timeline(PrintWriter out, boolean color, int width) {
    this.out = out;
    this.color = color;
    this.width = width;
  }

  public void print(Run run, long budgetMs) {
    ProbeReport r = run.report();
    if (!r.present()) {
      out.println(Style.dim(color, "(no timeline: the program did not get as far as starting)"));
      return;
    }
    long from = Long.MAX_VALUE;
    long to = 0;
    for (Callback c : r.callbacks()) {
      from = Math.min(from, c.start());
      to = Math.max(to, c.end());
    }
    for (Job j : r.jobs()) {
      if (j.start() >= 0) from = Math.min(from, j.start());
      to = Math.max(to, j.end());
    }
    for (WorkerEvidence.Callback c : r.workers().callbacks()) {
      from = Math.min(from, c.start());
      to = Math.max(to, c.end());
    }
    for (ProbeReport p : forks(r)) {
      long shift = p.origin() - r.origin();
      for (Callback c : p.callbacks()) {
        from = Math.min(from, c.start() + shift);
        to = Math.max(to, c.end() + shift);
      }
    }
    if (from == Long.MAX_VALUE || to <= from) {
      out.println(
          Style.dim(
              color, "(no timeline: " + run.label() + " ran no loop callbacks and no pool jobs)"));
      return;
    }
    int cols = Math.max(10, Math.min(100, width - LABEL - 2));
    double per = (double) (to - from) / cols;

    out.println(
        Style.bold(color, "Threads")
            + Style.dim(
                color,
                "  "
                    + run.label()
                    + ", "
                    + seconds(to - from)
                    + " from the first callback to the last"));
    // main: share of each column spent in callbacks, and columns inside a block over budget.
    double[] busy = new double[cols];
    boolean[] blocked = new boolean[cols];
    for (Callback c : r.callbacks()) add(busy, c.start() - from, c.end() - from, per);
    for (Block b : r.blocks(budgetMs * 1_000_000L)) {
      int a = col(b.callback().start() - from, per, cols);
      int z = col(b.callback().end() - from, per, cols);
      for (int i = a; i <= z; i++) blocked[i] = true;
    }
    StringBuilder main = new StringBuilder();
    for (int i = 0; i < cols; i++) {
      if (blocked[i]) {
        main.append(Style.failure(color, "█"));
      } else if (busy[i] > 0) {
        // Up to ▇: █ is kept for a block, so that it reads the same without colour.
        main.append(
            Style.success(
                color, String.valueOf(SPARKS.charAt(Math.min(6, 3 + (int) (busy[i] * 4))))));
      } else {
        main.append(Style.dim(color, "·"));
      }
    }
    row("main", main.toString());

    Map<String, double[]> pool = new LinkedHashMap<>();
    List<Job> jobs = new ArrayList<>(r.jobs());
    jobs.sort((a, b) -> threadOrder(a.thread()) - threadOrder(b.thread()));
    for (Job j : jobs) {
      if (j.start() < 0) continue;
      add(
          pool.computeIfAbsent(j.thread(), t -> new double[cols]),
          j.start() - from,
          j.end() - from,
          per);
    }
    int shown = 0;
    for (Map.Entry<String, double[]> e : pool.entrySet()) {
      if (++shown > 8) {
        row(
            "",
            Style.dim(
                color,
                "and " + Words.count(pool.size() - 8, "more pool thread", "more pool threads")));
        break;
      }
      StringBuilder line = new StringBuilder();
      for (double d : e.getValue())
        line.append(d > 0 ? Style.command(color, "▒") : Style.dim(color, "·"));
      row(e.getKey(), line.toString());
    }
    boolean workers = workerRows(r, from, per, cols);
    boolean processes = processRows(r, from, per, cols);
    for (ProbeReport.RawThread t : r.rawThreads()) {
      row(abbreviate(t.name()), rawThreadRow(col(t.firstSeen() - from, per, cols), cols));
    }

    long[] lag = r.lag(Math.max(1_000_000L, (long) per));
    long[] pct = r.lagPercentiles(10_000_000L);
    long max = 0;
    for (long l : lag) max = Math.max(max, l);
    long scale = Math.max(max, budgetMs * 2_000_000L);
    StringBuilder spark = new StringBuilder();
    for (int i = 0; i < Math.min(cols, lag.length); i++) {
      int level = (int) Math.min(7, lag[i] * 8 / Math.max(1, scale));
      String s = String.valueOf(SPARKS.charAt(level));
      spark.append(lag[i] > budgetMs * 1_000_000L ? Style.failure(color, s) : Style.dim(color, s));
    }
    // Lag is measured from the first callback to the last; after it (pool jobs still running)
    // no callback ran, so nothing waited: the row is as long as the others.
    for (int i = Math.min(cols, lag.length); i < cols; i++) spark.append(Style.dim(color, "▁"));
    row("lag", spark.toString());
    String axis =
        "0 s"
            + " ".repeat(Math.max(1, cols - 3 - seconds(to - from).length()))
            + seconds(to - from);
    row("", Style.dim(color, axis));
    row(
        "",
        Style.dim(
            color, "loop lag p50 " + ms(pct[0]) + " · p99 " + ms(pct[1]) + " · max " + ms(pct[2])));
    String ran = "▆ main ran your callbacks · idle";
    String rest =
        "█ blocked "
            + budgetMs
            + " ms or more · ▒ pool job"
            + (workers ? " · ░ worker" : "")
            + (processes ? " · ▓ forked process" : "");
    // One line where it fits, else two: a legend the terminal wrapped would lose its indent.
    List<String> legend =
        ran.length() + 3 + rest.length() <= cols ? List.of(ran + " · " + rest) : List.of(ran, rest);
    for (String line : legend) out.println(Style.dim(color, " ".repeat(LABEL) + line));
  }

  /** A row per worker thread: ░ where its own loop ran a callback (or its main). */
  private boolean workerRows(ProbeReport r, long from, double per, int cols) {
    Map<String, double[]> rows = new LinkedHashMap<>();
    for (WorkerEvidence.Worker w : r.workers().workers()) rows.put(w.thread(), new double[cols]);
    for (WorkerEvidence.Callback c : r.workers().callbacks()) {
      double[] row = rows.get(c.thread());
      if (row != null) add(row, c.start() - from, c.end() - from, per);
    }
    for (Map.Entry<String, double[]> e : rows.entrySet()) {
      StringBuilder line = new StringBuilder();
      for (double d : e.getValue())
        line.append(d > 0 ? Style.command(color, "░") : Style.dim(color, "·"));
      row(abbreviate(e.getKey()), line.toString());
    }
    return !rows.isEmpty();
  }

  /** The reports of the JVMs the program forked, in the order they started. */
  private static List<ProbeReport> forks(ProbeReport r) {
    List<ProbeReport> all = r.allProcesses();
    return all.subList(Math.min(1, all.size()), all.size());
  }

  /**
   * A row per JVM the program forked, labelled with its pid: ▓ where its main thread ran a
   * callback of its own loop (or its main), moved onto the program's clock.
   */
  private boolean processRows(ProbeReport r, long from, double per, int cols) {
    List<ProbeReport> forks = forks(r);
    for (ProbeReport p : forks) {
      double[] busy = new double[cols];
      long shift = p.origin() - r.origin();
      for (Callback c : p.callbacks())
        add(busy, c.start() + shift - from, c.end() + shift - from, per);
      StringBuilder line = new StringBuilder();
      for (double d : busy) line.append(d > 0 ? Style.command(color, "▓") : Style.dim(color, "·"));
      String label = "pid " + p.pid();
      row(label.length() < LABEL ? label : String.valueOf(p.pid()), line.toString());
    }
    return !forks.isEmpty();
  }

  /**
   * A thread of the learner's own: ▲ where it was first seen, and "not a pool thread" beside it,
   * after it where there is room, else before it, so that the row never passes the timeline's
   * width (a terminal would wrap it).
   */
  private String rawThreadRow(int at, int cols) {
    String note = "not a pool thread";
    char[] row = new char[cols];
    java.util.Arrays.fill(row, ' ');
    int noteAt = at + 2 + note.length() <= cols ? at + 2 : Math.max(0, at - 1 - note.length());
    for (int i = 0; i < note.length() && noteAt + i < cols; i++) {
      if (noteAt + i != at) row[noteAt + i] = note.charAt(i);
    }
    row[at] = '▲';
    return Style.warning(color, new String(row).stripTrailing());
  }

  private void row(String label, String content) {
    out.println(String.format("%-" + LABEL + "s", label) + content);
  }

  private static void add(double[] cols, long start, long end, double per) {
    if (end < start) return;
    int n = cols.length;
    for (int i = Math.max(0, (int) (start / per)); i < n && i * per <= end; i++) {
      double a = Math.max(start, i * per);
      double b = Math.min(end, (i + 1) * per);
      cols[i] += Math.max(b - a, 1) / per;
    }
  }

  private static int col(long t, double per, int cols) {
    return (int) Math.max(0, Math.min(cols - 1, t / per));
  }

  private static int threadOrder(String name) {
    try {
      return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static String abbreviate(String name) {
    return name.length() < LABEL ? name : name.substring(0, LABEL - 2) + "…";
  }

  private static String ms(long ns) {
    return Math.round(ns / 1e6) + " ms";
  }

  private static String seconds(long ns) {
    return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
  }
}
