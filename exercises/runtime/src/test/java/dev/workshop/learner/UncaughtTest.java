package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.UncaughtCallbackError;
import dev.workshop.runtime.instrument.CallbackKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class UncaughtTest {

  @Test
  void throwingCallbackStopsTheRunWithTheLearnersStack() {
    EventLoop loop = EventLoop.create();
    List<String> log = new ArrayList<>();
    loop.setTimeout(1, () -> CrashMain.explode("kaboom"));
    loop.setTimeout(200, () -> log.add("must not run"));
    UncaughtCallbackError e = assertThrows(UncaughtCallbackError.class, loop::run);
    assertEquals(CallbackKind.TIMER, e.kind());
    assertEquals("kaboom", e.getCause().getMessage());
    assertTrue(e.getMessage().startsWith("a timer callback threw "), e.getMessage());
    assertTrue(log.isEmpty());

    String report = e.report(false);
    assertTrue(report.contains("java.lang.IllegalStateException: kaboom"), report);
    assertTrue(report.contains("at dev.workshop.learner.CrashMain.explode("), report);
    assertTrue(report.contains("at dev.workshop.learner.UncaughtTest.lambda$"), report);
    assertFalse(report.contains("dev.workshop.runtime.EventLoop"), report);
    assertFalse(report.contains("jdk.internal.reflect"), report);
    assertTrue(report.contains("frames hidden"), report);

    String full = e.report(true);
    assertTrue(full.contains("dev.workshop.runtime.EventLoop.run"), full);
  }

  @Test
  void fullStackPropertyShowsRuntimeFrames() {
    EventLoop loop = EventLoop.create();
    loop.post(
        () -> {
          throw new IllegalArgumentException("bad");
        });
    UncaughtCallbackError e = assertThrows(UncaughtCallbackError.class, loop::run);
    assertEquals(CallbackKind.POST, e.kind());
    assertTrue(e.getMessage().startsWith("a post callback threw "), e.getMessage());
    String old = System.getProperty("workshop.fullStack");
    System.setProperty("workshop.fullStack", "true");
    try {
      assertTrue(e.report().contains("dev.workshop.runtime.EventLoop"));
    } finally {
      if (old == null) System.clearProperty("workshop.fullStack");
      else System.setProperty("workshop.fullStack", old);
    }
  }

  @Test
  void aProgramThatLetsItEscapeMainExitsWithCode1AndTheLearnersFrames() throws Exception {
    Jvm r = Jvm.run(CrashMain.class, Map.of());
    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("java.lang.IllegalStateException: boom"), r.toString());
    assertTrue(
        r.err.contains("at dev.workshop.learner.CrashMain.explode(CrashMain.java"), r.toString());
    assertTrue(
        r.err.contains("at dev.workshop.learner.CrashMain.main(CrashMain.java"), r.toString());
    assertFalse(r.err.contains("at dev.workshop.runtime."), r.toString());
    assertFalse(r.out.contains("must not"), r.toString());

    Jvm full = Jvm.run(CrashMain.class, Map.of("WORKSHOP_FULL_STACK", "1"));
    assertEquals(1, full.exitCode, full.toString());
    assertTrue(full.err.contains("at dev.workshop.runtime.EventLoop.run("), full.toString());
  }
}
