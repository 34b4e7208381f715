package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SpawnTest {

  @Test
  void outputAndExitCodeArriveAsLoopCallbacks() {
    EventLoop loop = EventLoop.create();
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    List<String> order = new ArrayList<>();
    Set<String> threads = new HashSet<>();
    int[] code = {-1};
    ChildProcess child = loop.spawn("sh", "-c", "echo hi; echo oops >&2; exit 3");
    child
        .onStdout(
            b -> {
              threads.add(Thread.currentThread().getName());
              out.append(new String(b, StandardCharsets.UTF_8));
              order.add("out");
            })
        .onStderr(
            b -> {
              threads.add(Thread.currentThread().getName());
              err.append(new String(b, StandardCharsets.UTF_8));
              order.add("err");
            })
        .onExit(
            c -> {
              threads.add(Thread.currentThread().getName());
              code[0] = c;
              order.add("exit");
            });
    assertTrue(child.pid() > 0);
    assertTrue(child.isActive());
    loop.run();
    assertEquals("hi\n", out.toString());
    assertEquals("oops\n", err.toString());
    assertEquals(3, code[0]);
    assertEquals(3, child.exitCode());
    assertEquals("exit", order.get(order.size() - 1), "exit comes after all output");
    assertEquals(Set.of(Thread.currentThread().getName()), threads);
    assertFalse(child.isActive());
  }

  @Test
  void javaVersionOfThisJdk() {
    EventLoop loop = EventLoop.create();
    StringBuilder err = new StringBuilder();
    int[] code = {-1};
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    loop.spawn(java, "-version")
        .onStderr(b -> err.append(new String(b, StandardCharsets.UTF_8)))
        .onExit(c -> code[0] = c);
    loop.run();
    assertEquals(0, code[0]);
    assertTrue(err.toString().contains("version"), err.toString());
  }

  @Test
  void theLoopKeepsTickingWhileTheChildRuns() {
    EventLoop loop = EventLoop.create();
    int[] ticks = {0};
    int[] code = {-1};
    var ticker = loop.setInterval(20, () -> ticks[0]++);
    loop.spawn("sh", "-c", "sleep 1")
        .onExit(
            c -> {
              code[0] = c;
              ticker.cancel();
            });
    loop.run();
    assertEquals(0, code[0]);
    assertTrue(ticks[0] >= 1, "the loop never waited on the child: " + ticks[0] + " ticks");
  }

  @Test
  void killEndsTheChildAndUnrefDoesNotWait() {
    EventLoop loop = EventLoop.create();
    int[] code = {-1};
    ChildProcess sleeper = loop.spawn("sleep", "30");
    sleeper.onExit(c -> code[0] = c);
    loop.setTimeout(10, sleeper::kill);
    loop.run();
    assertEquals(143, code[0]);

    EventLoop other = EventLoop.create();
    ChildProcess detached = other.spawn("sleep", "30").unref();
    other.run(); // returns at once
    assertTrue(detached.isActive());
    detached.kill();
  }

  @Test
  void unknownProgramIsAnError() {
    EventLoop loop = EventLoop.create();
    assertThrows(UncheckedIOException.class, () -> loop.spawn("no-such-program-xyz"));
  }
}
