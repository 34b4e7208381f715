package dev.workshop.probe;

import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the watchdog saw of one callback that ran long: each stack sample's kind ({@link
 * BlockKind}) and the learner's frame, weighted by the time since the sample before. Written as
 * one {@code blk} record when the callback ends (or is still running at the deadline).
 */
final class SampledBlock {
  final long callbackId;
  final long start;
  private final Frames frames;
  private long lastSample;
  private long lastCpu = -1;
  private long lastWait;
  private int samples;
  private long warmUpNs;
  private long warmUpWaitNs;
  private long learnerNs;
  private final Map<BlockKind, Long> byKind = new LinkedHashMap<>();
  private final Map<BlockKind, Map<String, Long>> framesByKind = new HashMap<>();
  private final Map<BlockKind, String> details = new HashMap<>();
  private boolean flushed;

  /**
   * @param wait0 the loop thread's time waiting for a CPU at {@code start}, ns, or -1 when unknown
   *     (the portable clock): then the warm-up's share of it is not told
   */
  SampledBlock(long callbackId, long start, long wait0, Frames frames) {
    this.callbackId = callbackId;
    this.start = start;
    this.lastSample = start;
    this.lastWait = wait0;
    this.warmUpWaitNs = wait0 < 0 ? -1 : 0;
    this.frames = frames;
  }

  synchronized boolean flushed() {
    return flushed;
  }

  /**
   * One sample at report time {@code t}.
   *
   * @param cpu the sampled thread's on-CPU time in ns, or -1 when unknown
   * @param wait its time waiting for a CPU in ns, or -1 when unknown
   */
  synchronized void add(long t, long cpu, long wait, ThreadInfo info) {
    if (flushed) return;
    long span = t - lastSample;
    // The wait for a CPU since the sample before: the verifier subtracts the callback's whole CPU
    // wait already, so the warm-up's share of it must not be subtracted a second time.
    long waited = wait < 0 || lastWait < 0 ? -1 : Math.min(span, Math.max(0, wait - lastWait));
    lastWait = wait;
    boolean usedCpu =
        cpu < 0 || lastCpu < 0
            ? info.getThreadState() == Thread.State.RUNNABLE
            : (cpu - lastCpu) * 4 > span;
    lastSample = t;
    lastCpu = cpu;
    StackTraceElement[] stack = info.getStackTrace();
    BlockKind kind = Frames.classify(info, usedCpu);
    samples++;
    if (frames.isWarmUp(stack)) {
      warmUpNs += span;
      warmUpWaitNs = waited < 0 || warmUpWaitNs < 0 ? -1 : warmUpWaitNs + waited;
      return;
    }
    StackTraceElement blamed = frames.blamed(stack);
    if (blamed != null && frames.isLearner(blamed)) learnerNs += span;
    byKind.merge(kind, span, Long::sum);
    framesByKind
        .computeIfAbsent(kind, k -> new HashMap<>())
        .merge(Frames.describe(blamed), span, Long::sum);
    String detail =
        switch (kind) {
          case WAITING_LOCK ->
              info.getLockOwnerName() == null
                  ? lockName(info)
                  : "held by \""
                      + info.getLockOwnerName()
                      + "\""
                      + (info.getLockName() == null ? "" : " (" + info.getLockName() + ")");
          case SLEEPING, WAITING_FUTURE, WAITING, BLOCKING_IO -> jdkCall(stack);
          default -> "";
        };
    if (!detail.isEmpty()) details.put(kind, detail);
  }

  private static String lockName(ThreadInfo info) {
    return info.getLockName() == null ? "" : info.getLockName();
  }

  /** The outermost JDK frame above the learner's code: the call that waited. */
  private String jdkCall(StackTraceElement[] stack) {
    String call = "";
    for (StackTraceElement f : stack) {
      if (frames.isLearner(f) || frames.isHost(f)) break;
      if (!f.getClassName().startsWith("dev.workshop.")) {
        String c = f.getClassName();
        call = c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName();
      }
    }
    return call;
  }

  /**
   * Writes the {@code blk} record, once.
   *
   * @param unfinished whether the callback was still running
   */
  synchronized void flush(Report report, boolean unfinished) {
    if (flushed || samples == 0) {
      flushed = true;
      return;
    }
    flushed = true;
    BlockKind top = null;
    for (Map.Entry<BlockKind, Long> e : byKind.entrySet()) {
      if (top == null || e.getValue() > byKind.get(top)) top = e.getKey();
    }
    String frame = "";
    String detail = "";
    if (top != null) {
      long best = -1;
      for (Map.Entry<String, Long> e : framesByKind.get(top).entrySet()) {
        if (e.getValue() > best) {
          best = e.getValue();
          frame = e.getKey();
        }
      }
      detail = details.getOrDefault(top, "");
    }
    StringBuilder kinds = new StringBuilder();
    for (Map.Entry<BlockKind, Long> e : byKind.entrySet()) {
      if (kinds.length() > 0) kinds.append(',');
      kinds.append(e.getKey().code()).append(':').append(e.getValue());
    }
    report.write(
        ReportFormat.BLOCK,
        callbackId,
        samples,
        warmUpNs,
        kinds,
        top == null ? "" : top.code(),
        frame,
        detail,
        unfinished ? 0 : 1,
        learnerNs,
        warmUpWaitNs);
  }
}
