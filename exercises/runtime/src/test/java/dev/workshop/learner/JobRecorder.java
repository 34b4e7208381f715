package dev.workshop.learner;

import dev.workshop.runtime.instrument.CallbackEvent;
import dev.workshop.runtime.instrument.JobEvent;
import dev.workshop.runtime.instrument.JobKind;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Test helper: records pool jobs, their queue waits, resolves and callbacks, with the thread each
 * was reported on. Thread-safe.
 */
final class JobRecorder implements RuntimeListener {
  record Entry(String what, JobEvent job, CallbackEvent callback, String thread, long nanos) {}

  final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

  private void add(String what, JobEvent job, CallbackEvent c, long nanos) {
    entries.add(new Entry(what, job, c, Thread.currentThread().getName(), nanos));
  }

  List<Entry> of(String what, JobKind kind) {
    synchronized (entries) {
      return entries.stream()
          .filter(e -> e.what().equals(what) && e.job() != null && e.job().kind() == kind)
          .toList();
    }
  }

  List<Entry> callbacks() {
    synchronized (entries) {
      return entries.stream().filter(e -> e.what().equals("callbackStarted")).toList();
    }
  }

  /** The index of the first entry of this kind of event for this job, or -1. */
  int indexOf(String what, long jobId) {
    synchronized (entries) {
      for (int i = 0; i < entries.size(); i++) {
        Entry e = entries.get(i);
        if (e.what().equals(what) && e.job() != null && e.job().id() == jobId) return i;
      }
      return -1;
    }
  }

  @Override
  public void callbackStarted(CallbackEvent c) {
    add("callbackStarted", null, c, 0);
  }

  @Override
  public void jobQueued(JobEvent j, int q) {
    add("jobQueued", j, null, 0);
  }

  @Override
  public void jobStarted(JobEvent j, int r) {
    add("jobStarted", j, null, 0);
  }

  @Override
  public void jobWaited(JobEvent j, long nanos) {
    add("jobWaited", j, null, nanos);
  }

  @Override
  public void jobEnded(JobEvent j, Throwable t) {
    add("jobEnded", j, null, 0);
  }

  @Override
  public void resolveStarted(JobEvent j) {
    add("resolveStarted", j, null, 0);
  }

  @Override
  public void resolveEnded(JobEvent j, Throwable t) {
    add("resolveEnded", j, null, 0);
  }
}
