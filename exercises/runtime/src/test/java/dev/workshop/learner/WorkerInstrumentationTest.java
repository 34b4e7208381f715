package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.ArrayBuffer;
import dev.workshop.runtime.Atomics;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.SharedBuffer;
import dev.workshop.runtime.Worker;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;
import dev.workshop.runtime.instrument.CallbackEvent;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.MessageEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import dev.workshop.runtime.instrument.SharedAccess;
import dev.workshop.runtime.instrument.WorkerEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hooks of workers and shared memory: which thread, which message, shared or copied. */
@Timeout(60)
class WorkerInstrumentationTest {

  /** Records the worker hooks, each with the thread it was called on. */
  static final class Recorder implements RuntimeListener {
    record Entry(String what, Object event, String thread, Object detail) {}

    final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

    private void add(String what, Object event, Object detail) {
      entries.add(new Entry(what, event, Thread.currentThread().getName(), detail));
    }

    List<Entry> of(String what) {
      synchronized (entries) {
        return entries.stream().filter(e -> e.what().equals(what)).toList();
      }
    }

    @Override
    public void loopStarted(Thread t) {
      add("loopStarted", t, null);
    }

    @Override
    public void callbackStarted(CallbackEvent c) {
      add("callbackStarted", c, null);
    }

    @Override
    public void workerStarting(WorkerEvent w) {
      add("workerStarting", w, w.thread().getState());
    }

    @Override
    public void workerStarted(WorkerEvent w) {
      add("workerStarted", w, w.thread().getState());
    }

    @Override
    public void workerExited(WorkerEvent w, int code, Throwable error) {
      add("workerExited", w, code);
    }

    @Override
    public void messagePosted(MessageEvent m) {
      add("messagePosted", m, null);
    }

    @Override
    public void messageReceived(MessageEvent m) {
      add("messageReceived", m, null);
    }

    @Override
    public void sharedMemoryAccess(int id, SharedAccess access, int index) {
      add("shared", id, access + "@" + index);
    }
  }

  record Work(SharedBuffer counter, ArrayBuffer bytes) {}

  /** Touches the shared buffer plainly and atomically, and answers once. */
  public static final class Toucher implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      worker.onMessage(
          m -> {
            Work w = (Work) m;
            w.counter().set(0, w.counter().get(0) + 1);
            Atomics.add(w.counter(), 1, 1);
            worker.postMessage("done");
            worker.close();
          });
    }
  }

  @AfterEach
  void uninstall() {
    Instrumentation.install(null);
  }

  @Test
  void theHooksTellWhichThreadRanWhatAndWhatWasSharedOrMoved() {
    Recorder rec = new Recorder();
    EventLoop loop = EventLoop.create();
    Instrumentation.install(rec);
    String me = Thread.currentThread().getName();
    SharedBuffer counter = SharedBuffer.ofInts(2);
    ArrayBuffer bytes = ArrayBuffer.of((byte) 1);
    Worker worker = new Worker(loop, Toucher.class);
    worker.onMessage(m -> {});
    worker.postMessage(new Work(counter, bytes), bytes);
    loop.run();
    Instrumentation.install(null);
    String w = worker.threadName();

    // the worker's start, on main, before its thread started; its end, on its own thread
    Recorder.Entry start = rec.of("workerStarting").get(0);
    WorkerEvent we = (WorkerEvent) start.event();
    assertEquals(me, start.thread());
    assertEquals(Thread.State.NEW, start.detail());
    assertEquals(w, we.thread().getName());
    assertEquals(worker.threadId(), we.threadId());
    assertEquals(me, we.parent().getName());
    assertEquals(Toucher.class.getName(), we.mainClass());
    assertNotNull(we.callSite());
    assertEquals(getClass().getName(), we.callSite().getClassName());
    // started: on main too, the same event, once thread.start() returned
    Recorder.Entry started = rec.of("workerStarted").get(0);
    assertSame(we, started.event());
    assertEquals(me, started.thread());
    assertNotEquals(Thread.State.NEW, started.detail());
    Recorder.Entry exit = rec.of("workerExited").get(0);
    assertSame(we, exit.event());
    assertEquals(w, exit.thread());
    assertEquals(0, exit.detail());

    // the worker's loop is a loop of its own, on its thread; its message callback is a WORKER one
    assertTrue(rec.of("loopStarted").stream().anyMatch(e -> e.thread().equals(w)));
    assertTrue(
        rec.of("callbackStarted").stream()
            .anyMatch(
                e ->
                    e.thread().equals(w)
                        && ((CallbackEvent) e.event()).kind() == CallbackKind.WORKER));
    assertTrue(
        rec.of("callbackStarted").stream()
            .anyMatch(
                e ->
                    e.thread().equals(me)
                        && ((CallbackEvent) e.event()).kind() == CallbackKind.WORKER));

    // messages: posted on the sender's thread, received on the receiver's, same event
    List<Recorder.Entry> posted = rec.of("messagePosted");
    List<Recorder.Entry> received = rec.of("messageReceived");
    assertEquals(2, posted.size());
    assertEquals(2, received.size());
    MessageEvent down = (MessageEvent) posted.get(0).event();
    assertEquals(me, posted.get(0).thread());
    assertTrue(down.toWorker());
    assertEquals(Work.class.getName(), down.type());
    assertEquals(List.of(counter.id()), down.sharedBufferIds(), "shared, not copied");
    assertEquals(1, down.transferred());
    assertEquals(getClass().getName(), down.callSite().getClassName());
    assertSame(down, received.get(0).event());
    assertEquals(w, received.get(0).thread());
    MessageEvent up = (MessageEvent) posted.get(1).event();
    assertEquals(w, posted.get(1).thread());
    assertFalse(up.toWorker());
    assertEquals(List.of(), up.sharedBufferIds());
    assertEquals(0, up.transferred());
    assertSame(up, received.get(1).event());
    assertEquals(me, received.get(1).thread());

    // shared memory: the plain read and write and the atomic add, all on the worker's thread
    List<Recorder.Entry> touches = rec.of("shared");
    assertEquals(3, touches.size(), touches.toString());
    assertEquals(
        List.of("GET@0", "SET@0", "ADD@1"), touches.stream().map(Recorder.Entry::detail).toList());
    for (Recorder.Entry t : touches) {
      assertEquals(w, t.thread());
      assertEquals(counter.id(), t.event());
    }
    assertFalse(SharedAccess.GET.atomic());
    assertTrue(SharedAccess.ADD.atomic());
  }
}
