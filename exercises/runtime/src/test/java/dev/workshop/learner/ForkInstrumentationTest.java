package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.ProcessEvent;
import dev.workshop.runtime.instrument.ProcessMessageEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// A separate thread, so that a hang fails the test: a loop does not stop when interrupted.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ForkInstrumentationTest {
  record Seen(String what, Object event, String thread, int code, boolean byRuntime) {}

  final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  final List<String> runtimeThreads = Collections.synchronizedList(new ArrayList<>());

  final RuntimeListener listener =
      new RuntimeListener() {
        @Override
        public void processStarted(ProcessEvent p) {
          seen.add(new Seen("started", p, Thread.currentThread().getName(), 0, false));
        }

        @Override
        public void processExited(ProcessEvent p, int code, boolean byRuntime) {
          seen.add(new Seen("exited", p, Thread.currentThread().getName(), code, byRuntime));
        }

        @Override
        public void processMessageSent(ProcessMessageEvent m) {
          seen.add(new Seen("sent", m, Thread.currentThread().getName(), 0, false));
        }

        @Override
        public void processMessageReceived(ProcessMessageEvent m) {
          seen.add(new Seen("received", m, Thread.currentThread().getName(), 0, false));
        }

        @Override
        public void runtimeThreadStarting(Thread t) {
          runtimeThreads.add(t.getName());
        }
      };

  @AfterEach
  void uninstall() throws InterruptedException {
    Instrumentation.install(null);
    ForkTest.assertNoDescendants(ProcessHandle.current());
  }

  private List<Seen> of(String what) {
    synchronized (seen) {
      return seen.stream().filter(s -> s.what().equals(what)).toList();
    }
  }

  @Test
  void forksPidsParentsAndMessagesAreReported() {
    EventLoop loop = EventLoop.create();
    Instrumentation.install(listener);
    String me = Thread.currentThread().getName();
    long self = ProcessHandle.current().pid();
    ChildProcess child = loop.fork(ForkChildren.Echo.class.getName(), "an-arg");
    child.onLine(line -> {}).onMessage(m -> child.disconnect());
    child.send("hi");
    loop.run();
    Instrumentation.install(null);

    List<Seen> started = of("started");
    assertEquals(1, started.size(), seen.toString());
    ProcessEvent p = (ProcessEvent) started.get(0).event();
    assertEquals(child.pid(), p.pid());
    assertEquals(self, p.parentPid());
    assertEquals(ProcessEvent.Kind.FORK, p.kind());
    assertEquals(ForkChildren.Echo.class.getName() + " an-arg", p.command());
    assertEquals("ForkInstrumentationTest.java", p.callSite().getFileName());
    assertEquals(me, started.get(0).thread());

    ProcessMessageEvent sent = (ProcessMessageEvent) of("sent").get(0).event();
    assertEquals(
        new ProcessMessageEvent(self, child.pid(), "java.lang.String", sent.bytes()), sent);
    assertTrue(sent.bytes() > 0);
    assertEquals(me, of("sent").get(0).thread());

    ProcessMessageEvent received = (ProcessMessageEvent) of("received").get(0).event();
    assertEquals(child.pid(), received.fromPid());
    assertEquals(self, received.toPid());
    assertEquals(me, of("received").get(0).thread());

    List<Seen> exited = of("exited");
    assertEquals(1, exited.size());
    assertEquals(p, exited.get(0).event());
    assertEquals(0, exited.get(0).code());
    assertFalse(exited.get(0).byRuntime());
    assertTrue(runtimeThreads.contains("fork-" + child.pid() + "-ipc"), runtimeThreads.toString());
    assertTrue(
        runtimeThreads.contains("fork-" + child.pid() + "-stdout"), runtimeThreads.toString());
  }

  @Test
  void aChildEndedWithItsLoopIsReportedAsEndedByTheRuntime(@TempDir Path dir) {
    EventLoop loop = EventLoop.create();
    Instrumentation.install(listener);
    Path asked = dir.resolve("asked");
    ChildProcess child = loop.fork(ForkChildren.Polite.class.getName(), asked.toString());
    child.onLine(line -> child.unref());
    loop.run();
    List<Seen> exited = of("exited");
    assertEquals(1, exited.size(), seen.toString());
    assertTrue(exited.get(0).byRuntime());
    // Asked first (SIGTERM: its shutdown hooks ran), forced (SIGKILL) only past its grace time.
    assertTrue(Files.exists(asked), "the child was asked to end, and its shutdown hooks ran");
    int code = exited.get(0).code();
    assertTrue(code == 128 + 15 || code == 128 + 9, "ended by a signal: " + code);
    assertFalse(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void aChildThatWillNotEndWhenAskedIsForced() {
    EventLoop loop = EventLoop.create();
    Instrumentation.install(listener);
    ChildProcess child = loop.fork(ForkChildren.Stubborn.class.getName());
    child.onLine(line -> child.unref());
    loop.run();
    List<Seen> exited = of("exited");
    assertEquals(1, exited.size(), seen.toString());
    assertTrue(exited.get(0).byRuntime());
    assertEquals(128 + 9, exited.get(0).code(), "forced with SIGKILL after its grace time");
    assertFalse(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false));
  }
}
