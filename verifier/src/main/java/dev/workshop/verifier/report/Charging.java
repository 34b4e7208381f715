package dev.workshop.verifier.report;

import dev.workshop.probe.BlockKind;
import dev.workshop.probe.ReportFormat;
import dev.workshop.verifier.report.ProbeReport.Block;
import dev.workshop.verifier.report.ProbeReport.Callback;
import dev.workshop.verifier.report.ProbeReport.Sampled;
import dev.workshop.verifier.report.ProbeReport.Spin;
import dev.workshop.verifier.report.ProbeReport.Wait;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis of one {@link ProbeReport}: what each callback is charged with (its wall time minus
 * what was not the solution's), which callbacks are busy waits, which blocked the loop and how,
 * and the loop's lag. Every verdict about blocking comes from here; {@link ProbeReport} delegates.
 */
final class Charging {
  private final ProbeReport r;

  Charging(ProbeReport r) {
    this.r = r;
  }

  /**
   * How much of the window {@code [from, to)} (report times, in ns) the loop thread spent running
   * r.callbacks, counting only their charged share: the time a request arriving in that window had
   * to wait for the solution's own code.
   */
  long chargedWithin(long from, long to) {
    long total = 0;
    for (Callback c : r.callbacks) {
      long a = Math.max(from, c.start());
      long b = Math.min(to, c.end());
      if (b <= a || c.wall() <= 0) continue;
      total += (long) ((b - a) * ((double) charged(c) / c.wall()));
    }
    return total;
  }

  /**
   * The time a callback is charged with: its wall time minus what was not the solution's: time
   * waiting for a CPU, VM pauses (except a collection of the loop thread's own garbage, see
   * {@link Callback#ownGc()}), the JDK's first-use warm-up seen by the watchdog, the runtime's own
   * work (starting the pool) and r.stalls of the whole JVM. The main script before the loop is
   * charged only with the r.sampled time spent in the learner's own code.
   */
  long charged(Callback c) {
    long charged = c.wall();
    // A wait for a CPU fits beside the thread's own CPU time (the probe clamps it too; an older
    // probe's report may not): the time the learner's code computed is never subtracted.
    long cpuWait =
        c.cpuWait() > 0 ? Math.min(c.cpuWait(), Math.max(0, c.wall() - Math.max(0, c.cpu()))) : 0;
    charged -= cpuWait;
    if (c.pause() > 0) charged -= c.pause() - c.ownGc();
    if (c.runtime() > 0) charged -= c.runtime();
    // A stall is time no thread ran: never the callback's CPU time. A safepoint the meter forgave
    // may also have looked like one to the heartbeat; it is not subtracted twice.
    long beforeStalls = charged;
    charged -= r.stalledWithin(c.start(), c.end());
    charged = Math.max(charged, Math.min(beforeStalls, Math.max(0, c.cpu())));
    Sampled s = r.sampled.get(c.id());
    if (s != null && s.warmUpWaitNs() >= 0) {
      // The probe told the warm-up's own wait for a CPU, subtracted above with the rest: a 15 ms
      // callback that slept 10 ms was charged 7 ms (3.4 ms CPU wait, 4.6 ms of sampled warm-up
      // that held most of it) beside 2 busy loops.
      charged -= Math.max(0, s.warmUpNs() - Math.min(cpuWait, s.warmUpWaitNs()));
    } else if (s != null && c.mainScript() && cpuWait > 0 && c.wall() > 0) {
      // The warm-up's samples span wall time, its share of the CPU wait (already subtracted)
      // included: subtracted twice, a script's 212 ms of CPU came to 64 ms charged at load 15.
      charged -= (long) (s.warmUpNs() * (1 - (double) cpuWait / c.wall()));
    } else if (s != null) {
      charged -= s.warmUpNs();
    }
    if (c.mainScript()) charged = Math.min(charged, s == null ? 0 : Math.max(0, s.learnerNs()));
    charged = Math.max(0, charged);
    Spin spin = r.spins.get(c.id());
    return spin == null || !dense(c, spin) ? charged : Math.max(charged, busyWaitCharge(c, spin));
  }

  /** Polls per ms of the loop thread's own CPU time from which a callback's polling is a busy wait. */
  static final long BUSY_WAIT_POLLS_PER_CPU_MS = 1_000;

  /**
   * Whether polling was what the callback spent its CPU on: a busy wait polls again at once, 20
   * thousand times or more per ms of CPU for a clock read, about 2 thousand for a
   * {@code Thread.yield}; a loop that times each item of real work reads the clock only between
   * items (a few hundred per ms). Per ms of CPU, not of wall time, so that a busy machine does not
   * change the answer; and of the CPU the thread had from its first poll on, so that work before
   * the wait (starting threads, say) does not dilute it. Where that is unknown, the callback's CPU
   * time stands in, and where that is unknown too, its wall time.
   */
  private static boolean dense(Callback c, Spin spin) {
    long cpuNs = spin.cpu() > 0 ? spin.cpu() : c.cpu() > 0 ? c.cpu() : c.wall();
    return spin.polls() * 1_000_000L >= BUSY_WAIT_POLLS_PER_CPU_MS * Math.max(1, cpuNs);
  }

  /**
   * A busy wait's share: from its first poll to its last, minus stalls of the whole JVM and
   * collections, but not minus time waiting for a CPU. A loop that waits for the clock (or for
   * another thread) lasts as long as it lasts, however little CPU a busy machine gave it: charging
   * only its CPU time would pass on a busy machine what fails on an idle one. Nor minus the other
   * safepoints that held the loop thread (the watchdog's own samples of the spin, most of them):
   * a spin ends when the clock says, held or not. In the main script, only as much of it as the
   * watchdog saw in the learner's code.
   */
  private long busyWaitCharge(Callback c, Spin spin) {
    long ns = spin.span() - r.stalledWithin(spin.first(), spin.last());
    long collections = c.gc() > 0 ? Math.min(c.gc(), c.pause()) : 0;
    if (collections > 0) ns -= collections - c.ownGc();
    if (c.mainScript()) {
      // The main script is the learner's only where its samples saw the learner's code (a busy
      // wait there is: main spinning until a worker is done, say); the span caps it.
      Sampled s = r.sampled.get(c.id());
      ns = Math.min(ns, s == null ? 0 : Math.max(0, s.learnerNs()));
    }
    return Math.max(0, Math.min(ns, c.wall()));
  }

  /**
   * The busy wait where the callback's charged time went: present when the callback polled the
   * clock (or a future) {@value ReportFormat#SPIN_MIN_POLLS} times or more, densely (see
   * {@link #dense}), for at least half of its charged time. The same on an idle machine and a
   * busy one.
   */
  Optional<Spin> busyWait(Callback c) {
    Spin spin = r.spins.get(c.id());
    if (spin == null || !dense(c, spin)) return Optional.empty();
    return busyWaitCharge(c, spin) * 2 >= charged(c) ? Optional.of(spin) : Optional.empty();
  }

  /** Every callback whose charged time is {@code budgetNs} or more, longest first. */
  List<Block> blocks(long budgetNs) {
    List<Block> out = new ArrayList<>();
    List<Callback> all = new ArrayList<>(r.callbacks);
    // Without a loop, main blocks no loop. With one, the main script counts even when it ended the
    // program (System.exit, a throw) before loop.run(): the probe ends it at its exit call.
    if (r.mainScript != null && (r.loopStarted || r.loopCreated)) all.add(0, r.mainScript);
    for (Callback c : all) {
      long charged = charged(c);
      if (charged < budgetNs) continue;
      Sampled s = r.sampled.get(c.id());
      BlockKind kind;
      String frame = "";
      String detail = "";
      if (s != null && s.kind() != null) {
        kind = s.kind();
        frame = s.frame();
        detail = s.detail();
      } else {
        kind = c.cpu() >= 0 && c.cpu() * 2 < charged ? BlockKind.WAITING : BlockKind.COMPUTING;
      }
      // Exact beats r.sampled: the woven code timed every blocking call of the solution's on the
      // loop thread. The largest kind of wait wins over computing when it took longer than the
      // thread's own time on a CPU.
      Map<BlockKind, Long> exact = new java.util.EnumMap<>(BlockKind.class);
      Map<BlockKind, Wait> longest = new java.util.EnumMap<>(BlockKind.class);
      for (Wait w : r.waits(c.id())) {
        exact.merge(w.kind(), w.ns(), Long::sum);
        longest.merge(w.kind(), w, (a, b) -> a.ns() >= b.ns() ? a : b);
      }
      BlockKind top =
          exact.entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse(null);
      if (top != null
          && exact.get(top) * 2 >= charged
          && (c.cpu() < 0 || exact.get(top) >= c.cpu())) {
        if (kind != top) detail = top == BlockKind.WAITING_LOCK && s != null ? lockDetail(s) : "";
        kind = top;
        frame = longest.get(top).site();
      } else if (kind != BlockKind.COMPUTING
          && c.cpu() >= 0
          && c.cpu() * 2 >= charged
          && exact.isEmpty()
          && s == null) {
        kind = BlockKind.COMPUTING;
      }
      Optional<Spin> spin = busyWait(c);
      if (spin.isPresent() && (kind == BlockKind.COMPUTING || kind == BlockKind.WAITING)) {
        kind = BlockKind.COMPUTING;
        if (frame.isEmpty()) frame = spin.get().site();
        detail =
            "a busy wait: "
                + spin.get().polls()
                + " calls that poll (the clock, a future's isDone, a"
                + " spin or park) in "
                + Math.round(spin.get().span() / 1e6)
                + " ms";
      }
      if (c.ownGc() * 2 >= charged) kind = BlockKind.GC;
      out.add(
          new Block(
              c, charged, kind, frame, detail, spin.isPresent() && kind == BlockKind.COMPUTING));
    }
    out.sort((a, b) -> Long.compare(b.charged(), a.charged()));
    return out;
  }

  /** The lock's holder, when the samples caught one. */
  private static String lockDetail(Sampled s) {
    return s.kind() == BlockKind.WAITING_LOCK ? s.detail() : "";
  }

  /**
   * Loop lag as a heartbeat every {@code periodNs} would have seen it: for each beat, how long a
   * callback posted at that moment would have waited for the one running. Returns one value per
   * beat, in ns, from the first callback to the last.
   */
  long[] lag(long periodNs) {
    if (r.callbacks.isEmpty()) return new long[0];
    List<Callback> sorted = new ArrayList<>(r.callbacks);
    sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
    long from = sorted.get(0).start();
    long to = sorted.stream().mapToLong(Callback::end).max().orElse(from);
    int beats = (int) Math.min(100_000, (to - from) / periodNs + 1);
    long[] lag = new long[beats];
    int i = 0;
    for (int b = 0; b < beats; b++) {
      long t = from + b * periodNs;
      while (i < sorted.size() && sorted.get(i).end() <= t) i++;
      if (i < sorted.size() && sorted.get(i).start() <= t) lag[b] = sorted.get(i).end() - t;
    }
    return lag;
  }

  /** p50, p99 and max of {@link #lag(long)}, in ns. */
  long[] lagPercentiles(long periodNs) {
    long[] lag = lag(periodNs);
    if (lag.length == 0) return new long[] {0, 0, 0};
    long[] sorted = lag.clone();
    Arrays.sort(sorted);
    return new long[] {
      sorted[(sorted.length - 1) / 2],
      sorted[(int) Math.ceil(0.99 * (sorted.length - 1))],
      sorted[sorted.length - 1]
    };
  }
}
