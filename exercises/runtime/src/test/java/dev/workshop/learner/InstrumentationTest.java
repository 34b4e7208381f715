package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import dev.workshop.runtime.Timer;
import dev.workshop.runtime.instrument.CallbackEvent;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.ConfinementEvent;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.JobEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class InstrumentationTest {
  private final RecordingListener rec = new RecordingListener();

  @AfterEach
  void uninstall() {
    Instrumentation.install(null);
  }

  @Test
  void everyCallbackAndJobIsReportedWithTheLearnersCallSite() {
    EventLoop loop = EventLoop.create();
    Instrumentation.install(rec);
    String me = Thread.currentThread().getName();
    LoopOwned<String> owned = loop.own("secret");
    loop.setTimeout(0, () -> {});
    int[] ticks = {0};
    boolean[] workDone = {false};
    Timer[] interval = new Timer[1];
    // The interval stops itself only after the work came back: on a warm JVM the pool job returns
    // well within the interval's first millisecond, so cancelling it from the after-work callback
    // would leave it without a single tick (and no INTERVAL event) most of the time.
    interval[0] =
        loop.setInterval(
            1,
            () -> {
              ticks[0]++;
              if (workDone[0]) interval[0].cancel();
            });
    loop.post(() -> {});
    loop.queueWork(
        () -> {
          try {
            return owned.get();
          } catch (IllegalStateException e) {
            return "refused";
          }
        },
        (err, r) -> {
          assertEquals("refused", r);
          workDone[0] = true;
        });
    loop.run();
    Instrumentation.install(null);

    // loop start/end
    assertEquals(1, rec.of("loopStarted").size());
    assertEquals(1, rec.of("loopEnded").size());

    // callbacks: started/ended pairs on the loop thread, learner call sites in this class
    List<RecordingListener.Entry> started = rec.of("callbackStarted");
    List<RecordingListener.Entry> ended = rec.of("callbackEnded");
    assertEquals(started.size(), ended.size());
    Set<CallbackKind> kinds = new HashSet<>();
    for (int i = 0; i < started.size(); i++) {
      CallbackEvent s = (CallbackEvent) started.get(i).event();
      assertSame(s, ended.get(i).event(), "callbacks run one at a time: start/end alternate");
      assertEquals(me, started.get(i).thread());
      kinds.add(s.kind());
      assertNotNull(s.callSite(), s.toString());
      assertEquals(InstrumentationTest.class.getName(), s.callSite().getClassName(), s.toString());
      assertEquals(
          "everyCallbackAndJobIsReportedWithTheLearnersCallSite", s.callSite().getMethodName());
    }
    assertEquals(
        Set.of(
            CallbackKind.TIMER, CallbackKind.INTERVAL, CallbackKind.POST, CallbackKind.AFTER_WORK),
        kinds);
    List<Long> ids = new ArrayList<>();
    for (var e : started) ids.add(((CallbackEvent) e.event()).id());
    for (int i = 1; i < ids.size(); i++) assertTrue(ids.get(i) > ids.get(i - 1), "ids increase");
    assertEquals(
        ticks[0],
        started.stream()
            .filter(e -> ((CallbackEvent) e.event()).kind() == CallbackKind.INTERVAL)
            .count());

    // the job: queued on the loop thread, started and ended on a pool thread, then AFTER_WORK
    var queued = rec.of("jobQueued");
    var jobStarted = rec.of("jobStarted");
    var jobEnded = rec.of("jobEnded");
    assertEquals(1, queued.size());
    assertEquals(me, queued.get(0).thread());
    assertTrue(queued.get(0).count() >= 1);
    JobEvent job = (JobEvent) queued.get(0).event();
    assertEquals(InstrumentationTest.class.getName(), job.callSite().getClassName());
    assertSame(job, jobStarted.get(0).event());
    assertTrue(jobStarted.get(0).thread().matches("pool-\\d+"));
    assertTrue(jobStarted.get(0).count() >= 1);
    assertSame(job, jobEnded.get(0).event());
    assertEquals(jobStarted.get(0).thread(), jobEnded.get(0).thread());
    int endedAt = rec.entries.indexOf(jobEnded.get(0));
    int afterAt = -1;
    for (int i = 0; i < rec.entries.size(); i++) {
      var e = rec.entries.get(i);
      if (e.what().equals("callbackStarted")
          && ((CallbackEvent) e.event()).kind() == CallbackKind.AFTER_WORK) afterAt = i;
    }
    assertTrue(endedAt < afterAt, "jobEnded comes before its after-work callback");

    // the confinement violation, reported on the offending thread before the throw
    var violations = rec.of("confinementViolation");
    assertEquals(1, violations.size());
    ConfinementEvent v = (ConfinementEvent) violations.get(0).event();
    assertSame(Thread.currentThread(), v.owner());
    assertEquals(jobStarted.get(0).thread(), v.offender().getName());
    assertEquals(v.offender().getName(), violations.get(0).thread());
    assertTrue(v.where().length > 0);
  }

  @Test
  void aThrowingCallbackIsReportedAsEnded() {
    EventLoop loop = EventLoop.create();
    Instrumentation.install(rec);
    RuntimeException boom = new RuntimeException("boom");
    loop.post(
        () -> {
          throw boom;
        });
    try {
      loop.run();
    } catch (dev.workshop.runtime.UncaughtCallbackError expected) {
      // expected
    }
    var ended = rec.of("callbackEnded");
    assertEquals(1, ended.size());
    assertSame(boom, ended.get(0).thrown());
    assertEquals(1, rec.of("loopEnded").size());
  }

  @Test
  void everyCallSiteWalkIsBracketedOnTheCallersThread() {
    EventLoop loop = EventLoop.create();
    Instrumentation.install(rec);
    loop.setTimeout(0, () -> loop.post(() -> {}));
    loop.queueWork(() -> 1, (e, r) -> {});
    loop.run();
    Instrumentation.install(null);

    // Each site the events carry took one walk, opened and closed on the thread that asked for
    // it, with nothing else of the runtime's in between: the listener can tell its own cost.
    List<RecordingListener.Entry> walks = new ArrayList<>();
    synchronized (rec.entries) {
      for (RecordingListener.Entry e : rec.entries) {
        if (e.what().startsWith("callSite")) walks.add(e);
      }
    }
    assertEquals(6, walks.size(), "setTimeout, post and queueWork: one walk each, " + walks);
    String me = Thread.currentThread().getName();
    for (int i = 0; i < walks.size(); i += 2) {
      assertEquals("callSiteStarted", walks.get(i).what());
      assertEquals("callSiteEnded", walks.get(i + 1).what());
      assertEquals(walks.get(i).thread(), walks.get(i + 1).thread());
    }
    assertEquals(me, walks.get(0).thread(), "setTimeout's walk, on main");
    assertEquals(me, walks.get(2).thread(), "queueWork's walk, on main");
    assertEquals(me, walks.get(4).thread(), "the post from the timer, on the loop thread (main)");
  }

  @Test
  void noListenerMeansNoEvents() {
    EventLoop loop = EventLoop.create();
    loop.setTimeout(0, () -> {});
    loop.queueWork(() -> 1, (e, r) -> {});
    loop.run();
    assertTrue(rec.entries.isEmpty());
  }
}
