package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A forked JVM runs like its parent: same java, class path, processor count, properties. */
// A separate thread, so that a hang fails the test: a loop does not stop when interrupted.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ForkOptionsTest {

  /** Sends what it sees of its JVM to the parent. */
  public static final class Report {
    public static void main(String[] args) {
      EventLoop loop = EventLoop.create();
      Parent.of(loop)
          .send(
              List.of(
                  Runtime.getRuntime().availableProcessors(),
                  System.getProperty("workshop.test.flag", "unset"),
                  System.getProperty("java.home"),
                  ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)));
      Parent.of(loop).disconnect();
      loop.run();
    }
  }

  /** Forks {@link Report} and prints what it said. */
  public static final class Forker {
    public static void main(String[] args) {
      EventLoop loop = EventLoop.create();
      loop.fork(Report.class.getName()).onMessage(m -> System.out.println("child saw " + m));
      loop.run();
      System.out.println(
          "parent saw "
              + List.of(
                  Runtime.getRuntime().availableProcessors(),
                  System.getProperty("workshop.test.flag", "unset"),
                  System.getProperty("java.home"),
                  ProcessHandle.current().pid()));
    }
  }

  @AfterEach
  void noChildLeft() throws InterruptedException {
    ForkTest.assertNoDescendants(ProcessHandle.current());
  }

  @Test
  void theChildInheritsTheParentsJvmOptions() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=3",
                "-Dworkshop.test.flag=inherited",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                Forker.class.getName())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    String parent = line(out, "parent saw ");
    assertTrue(parent.startsWith("[3, inherited, "), out);
    assertEquals(parent, line(out, "child saw "), "the child's pid of its parent, java, options");
  }

  private static String line(String out, String prefix) {
    return out.lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + out));
  }
}
