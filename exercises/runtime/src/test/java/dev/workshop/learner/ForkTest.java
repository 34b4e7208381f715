package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;
import dev.workshop.runtime.UncaughtCallbackError;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A separate thread, so that a hang fails the test: a loop does not stop when interrupted.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ForkTest {

  /** No test leaves a process running: every child of this JVM is gone within 20 s. */
  @AfterEach
  void noChildLeft() throws InterruptedException {
    assertNoDescendants(ProcessHandle.current());
  }

  static void assertNoDescendants(ProcessHandle of) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<ProcessHandle> left;
    do {
      left = of.descendants().filter(ProcessHandle::isAlive).toList();
      if (left.isEmpty()) return;
      Thread.sleep(50); // a bounded poll: the OS reaps asynchronously
    } while (System.nanoTime() < deadline);
    left.forEach(ProcessHandle::destroyForcibly);
    throw new AssertionError("processes left running: " + left);
  }

  @Test
  void messagesBothWaysAreCopiesAndLinesArriveOnTheLoopThread() {
    EventLoop loop = EventLoop.create();
    List<Object> answers = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    int[] code = {-1};
    ForkChildren.Point sent = new ForkChildren.Point(1, 2, "p");
    ChildProcess child = loop.fork(ForkChildren.Echo.class.getName());
    child
        .onLine(
            line -> {
              threads.add(Thread.currentThread().getName());
              lines.add(line);
            })
        .onMessage(
            m -> {
              threads.add(Thread.currentThread().getName());
              answers.add(m);
              if (answers.size() == 2) child.disconnect(); // the child's loop can end now
            })
        .onExit(c -> code[0] = c);
    assertTrue(child.send(List.of(7, "seven", Map.of("k", 7L), new byte[] {1, 2})));
    assertTrue(child.send(sent));
    assertTrue(child.pid() > 0);
    loop.run();

    assertEquals(0, code[0], "the child ended once disconnected");
    assertEquals(List.of("child ready", "last line without an end"), lines);
    assertEquals(2, answers.size(), answers.toString());
    List<?> echo = (List<?>) answers.get(0);
    assertEquals("echo", echo.get(0));
    List<?> copy = (List<?>) echo.get(1);
    assertEquals(7, copy.get(0));
    assertEquals("seven", copy.get(1));
    assertEquals(Map.of("k", 7L), copy.get(2));
    assertEquals(List.of((byte) 1, (byte) 2), toList((byte[]) copy.get(3)));
    assertEquals(Map.of("thread", "main"), echo.get(2), "the child got it on its loop thread");
    ForkChildren.Point back = (ForkChildren.Point) answers.get(1);
    assertEquals(new ForkChildren.Point(2, 1, "p swapped"), back);
    assertEquals(List.of(Thread.currentThread().getName()), threads.stream().distinct().toList());
    assertFalse(child.isConnected());
  }

  private static List<Byte> toList(byte[] b) {
    List<Byte> out = new ArrayList<>();
    for (byte x : b) out.add(x);
    return out;
  }

  @Test
  void aValueThatCannotBeCopiedIsRefusedAtSend() {
    EventLoop loop = EventLoop.create();
    ChildProcess child = loop.fork(ForkChildren.Echo.class.getName());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> child.send(List.of(1, new Object())));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    assertTrue(e.getMessage().contains("message[1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> child.send(new StringBuilder("shared")));
    assertThrows(
        IllegalArgumentException.class,
        () -> child.send(new java.util.concurrent.atomic.AtomicInteger()),
        "memory that threads share is not copyable to another process");
    List<Object> self = new ArrayList<>();
    self.add(self);
    IllegalArgumentException deep =
        assertThrows(IllegalArgumentException.class, () -> child.send(self));
    assertTrue(deep.getMessage().contains("contain itself"), deep.getMessage());
    child.disconnect();
    loop.run();
  }

  @Test
  void aChildThatListensAfterTheParentDisconnectedStillEnds() {
    EventLoop loop = EventLoop.create();
    List<String> lines = new ArrayList<>();
    int[] code = {-1};
    ChildProcess child = loop.fork(ForkChildren.LateListener.class.getName());
    child.onLine(lines::add).onExit(c -> code[0] = c);
    child.send("before the goodbye"); // kept for the child's listener, then delivered
    child.disconnect();
    loop.run();
    assertEquals(0, code[0]);
    assertEquals(List.of("late message before the goodbye", "ended"), lines);
  }

  @Test
  void aClassThatIsNotPublicCanBeForked() {
    EventLoop loop = EventLoop.create();
    List<String> lines = new ArrayList<>();
    loop.fork(ForkChildren.NotPublic.class.getName()).onLine(lines::add);
    loop.run();
    assertEquals(List.of("a class that is not public runs too"), lines);
  }

  @Test
  void aClassThatDoesNotExistIsAnErrorEventNotAHang() {
    EventLoop loop = EventLoop.create();
    List<Exception> errors = new ArrayList<>();
    int[] exits = {0};
    ChildProcess child = loop.fork("no.such.Main");
    child.onError(errors::add).onExit(c -> exits[0]++);
    assertEquals(-1, child.pid());
    loop.run();
    assertEquals(1, errors.size());
    assertInstanceOf(ClassNotFoundException.class, errors.get(0));
    assertTrue(errors.get(0).getMessage().contains("no.such.Main"), errors.get(0).getMessage());
    assertEquals(0, exits[0], "a fork that never started has no exit");

    ChildProcess noMain = loop.fork(ForkChildren.NoMain.class.getName());
    noMain.onError(errors::add);
    loop.run();
    assertInstanceOf(NoSuchMethodException.class, errors.get(1));
  }

  @Test
  void anErrorNobodyListensForEndsTheRun() {
    EventLoop loop = EventLoop.create();
    loop.fork("no.such.Main");
    UncaughtCallbackError e = assertThrows(UncaughtCallbackError.class, loop::run);
    assertInstanceOf(ClassNotFoundException.class, e.getCause());
  }

  @Test
  void aChildThatExitsAtOnceReportsItsCodeAndLaterSendsAreErrors() {
    EventLoop loop = EventLoop.create();
    List<Exception> errors = new ArrayList<>();
    int[] code = {-1};
    ChildProcess child = loop.fork(ForkChildren.Quit.class.getName(), "7");
    child.send("maybe lost"); // queued before the child connected: no hang when it never does
    child
        .onError(errors::add)
        .onExit(
            c -> {
              code[0] = c;
              assertFalse(child.send("too late"));
            });
    loop.run();
    assertEquals(7, code[0]);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).getMessage().contains("closed"), errors.get(0).getMessage());
  }

  @Test
  void aCrashArrivesAsAnExitCodeWithTheStackOnStderr() {
    EventLoop loop = EventLoop.create();
    StringBuilder err = new StringBuilder();
    int[] code = {-1};
    loop.fork(ForkChildren.Crash.class.getName())
        .onStderr(b -> err.append(new String(b, StandardCharsets.UTF_8)))
        .onExit(c -> code[0] = c);
    loop.run();
    assertEquals(1, code[0]);
    assertTrue(err.toString().contains("boom in the child"), err.toString());
  }

  @Test
  void killEndsAChildThatNeverExitsWith128PlusTheSignal() {
    EventLoop loop = EventLoop.create();
    int[] code = {-1};
    ChildProcess child = loop.fork(ForkChildren.Sleepy.class.getName());
    child.onLine(line -> child.kill()).onExit(c -> code[0] = c);
    loop.run();
    assertEquals(128 + 15, code[0], "SIGTERM is signal 15");
  }

  @Test
  void theLoopEndingEndsAChildNobodyWaitedFor() throws Exception {
    Jvm run = Jvm.run(ForkChildren.Parentish.class, Map.of(), "unref");
    assertEquals(0, run.exitCode, run.toString());
    long pid = childPid(run.out);
    assertTrue(run.out.contains("loop ended"), run.toString());
    assertTrue(run.err.contains("was still running, so the runtime ended it"), run.toString());
    assertGone(pid);
  }

  @Test
  void theJvmExitingEndsItsChildren() throws Exception {
    Jvm run = Jvm.run(ForkChildren.Parentish.class, Map.of(), "exit");
    assertEquals(0, run.exitCode, run.toString());
    assertGone(childPid(run.out));
  }

  @Test
  void aChildWhoseParentIsKilledEndsToo() throws Exception {
    String cp = System.getProperty("java.class.path");
    Process parent =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                cp,
                ForkChildren.Parentish.class.getName(),
                "hang")
            .redirectErrorStream(true)
            .start();
    parent.getOutputStream().close();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
    long pid;
    try {
      String line = out.readLine(); // bounded by the test's timeout
      assertTrue(line != null && line.startsWith("child pid "), String.valueOf(line));
      pid = childPid(line);
      assertTrue(ProcessHandle.of(pid).isPresent());
    } finally {
      parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
      parent.waitFor();
    }
    assertGone(pid);
  }

  @Test
  void onlyAForkedProgramHasAParent() {
    EventLoop loop = EventLoop.create();
    assertFalse(Parent.isForked());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parent.of(loop));
    assertTrue(e.getMessage().contains("fork"), e.getMessage());
    ChildProcess spawned = loop.spawn("true");
    assertThrows(IllegalStateException.class, () -> spawned.send("hi"));
    loop.run();
  }

  @Test
  void aKilledChildStillCountsAsAnExitNotAnError() {
    EventLoop loop = EventLoop.create();
    List<Integer> codes = new ArrayList<>();
    ChildProcess a = loop.fork(ForkChildren.Sleepy.class.getName());
    ChildProcess b = loop.fork(ForkChildren.Sleepy.class.getName());
    assertNotEquals(a.pid(), b.pid());
    a.onLine(l -> a.kill()).onExit(codes::add);
    b.onLine(l -> b.kill()).onExit(codes::add);
    loop.run();
    assertEquals(List.of(143, 143), codes);
  }

  private static long childPid(String out) {
    Matcher m = Pattern.compile("child pid (\\d+)").matcher(out);
    assertTrue(m.find(), out);
    return Long.parseLong(m.group(1));
  }

  private static void assertGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) return;
      Thread.sleep(50); // a bounded poll
    }
    throw new AssertionError("child " + pid + " outlived its parent");
  }
}
