package dev.workshop.learner;

import dev.workshop.runtime.instrument.CallbackEvent;
import dev.workshop.runtime.instrument.ConfinementEvent;
import dev.workshop.runtime.instrument.JobEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test helper: records every event as a line "event kind/id thread". Thread-safe. */
final class RecordingListener implements RuntimeListener {
  record Entry(String what, Object event, String thread, int count, Throwable thrown) {}

  final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

  private void add(String what, Object event, int count, Throwable thrown) {
    entries.add(new Entry(what, event, Thread.currentThread().getName(), count, thrown));
  }

  List<Entry> of(String what) {
    synchronized (entries) {
      return entries.stream().filter(e -> e.what().equals(what)).toList();
    }
  }

  @Override
  public void loopStarted(Thread t) {
    add("loopStarted", t, 0, null);
  }

  @Override
  public void loopEnded(Thread t) {
    add("loopEnded", t, 0, null);
  }

  @Override
  public void callbackStarted(CallbackEvent c) {
    add("callbackStarted", c, 0, null);
  }

  @Override
  public void callbackEnded(CallbackEvent c, Throwable t) {
    add("callbackEnded", c, 0, t);
  }

  @Override
  public void jobQueued(JobEvent j, int q) {
    add("jobQueued", j, q, null);
  }

  @Override
  public void jobStarted(JobEvent j, int r) {
    add("jobStarted", j, r, null);
  }

  @Override
  public void jobEnded(JobEvent j, Throwable t) {
    add("jobEnded", j, 0, t);
  }

  @Override
  public void poolStarted(int size) {
    add("poolStarted", size, size, null);
  }

  @Override
  public void callSiteStarted() {
    add("callSiteStarted", null, 0, null);
  }

  @Override
  public void callSiteEnded() {
    add("callSiteEnded", null, 0, null);
  }

  @Override
  public void confinementViolation(ConfinementEvent v) {
    add("confinementViolation", v, 0, null);
  }
}
