package dev.workshop.probe;

import dev.workshop.runtime.instrument.ProcessEvent;
import dev.workshop.runtime.instrument.ProcessMessageEvent;
import java.util.Locale;

/**
 * The child processes the runtime starts ({@code spawn}, {@code fork}, {@code Cluster.fork}), their
 * exits and the messages between processes, from the runtime's hooks: the {@link ReportFormat#CHILD
 * child}, {@link ReportFormat#CHILD_EXIT cexit} and {@link ReportFormat#IPC ipc} records. What a
 * forked JVM itself does is in its own probe's report.
 */
final class ProcessRecorder {
  private final Report report;

  ProcessRecorder(Report report) {
    this.report = report;
  }

  /** The record of this JVM itself: its pid, its parent's and its role. */
  void self(String role) {
    ProcessHandle me = ProcessHandle.current();
    report.write(
        ReportFormat.SELF, me.pid(), me.parent().map(ProcessHandle::pid).orElse(-1L), role);
  }

  void started(ProcessEvent p) {
    report.write(
        ReportFormat.CHILD,
        report.now(),
        p.pid(),
        p.parentPid(),
        kind(p.kind()),
        Thread.currentThread().getName(),
        Frames.describe(p.callSite()),
        p.command());
    report.flush(); // the verifier matches the child's own report with this record
  }

  void exited(ProcessEvent p, int exitCode, boolean endedByRuntime) {
    report.write(ReportFormat.CHILD_EXIT, report.now(), p.pid(), exitCode, endedByRuntime);
  }

  void message(ProcessMessageEvent m, boolean sent) {
    report.write(
        ReportFormat.IPC,
        report.now(),
        sent ? "sent" : "received",
        m.fromPid(),
        m.toPid(),
        m.type(),
        m.bytes(),
        Thread.currentThread().getName());
  }

  /** {@code spawn}, {@code fork} or {@code cluster-worker}. */
  static String kind(ProcessEvent.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
