package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of broken solution the issue lists gets a clear FAIL with the right diagnosis, and no
 * process is left behind.
 */
class BadSolutionsTest {
  @TempDir Path root;

  private Verdict verify(String source, long timeoutMs) throws IOException {
    Path dir = TestExercise.solution(root, source);
    return new Verifier(TestExercise.sharedCache(), Map.of())
        .verify(TestExercise.withTimeout(timeoutMs), dir, s -> {});
  }

  private static String text(Verdict v) {
    return v.problem()
        + "\n"
        + v.compileErrors().stream().map(e -> e.format()).collect(Collectors.joining("\n"))
        + "\n"
        + v.checks().stream()
            .map(c -> c.name() + " | " + c.reason() + " | " + String.join(" / ", c.evidence()))
            .collect(Collectors.joining("\n"));
  }

  private static boolean failedWith(Verdict v, Diagnosis d) {
    return v.checks().stream().anyMatch(c -> !c.passed() && c.diagnosis() == d);
  }

  @Test
  void aFolderThatDoesNotExistIsABadFolder() {
    Verifier v = new Verifier(TestExercise.sharedCache(), Map.of());
    Verifier.BadFolder e =
        assertThrows(
            Verifier.BadFolder.class,
            () -> v.verify(TestExercise.withTimeout(5000), root.resolve("nope"), s -> {}));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void aFileIsNotAFolder() throws IOException {
    Path file = Files.writeString(root.resolve("Main.java"), "class Main {}");
    Verifier v = new Verifier(TestExercise.sharedCache(), Map.of());
    Verifier.BadFolder e =
        assertThrows(
            Verifier.BadFolder.class,
            () -> v.verify(TestExercise.withTimeout(5000), file, s -> {}));
    assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
  }

  @Test
  void anEmptyFolderNamesTheMissingFile() throws IOException {
    Path empty = Files.createDirectory(root.resolve("empty"));
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(TestExercise.withTimeout(5000), empty, s -> {});
    assertEquals(Diagnosis.MISSING_FILE, v.diagnosis());
    assertTrue(v.problem().contains("Main.java"), v.problem());
  }

  @Test
  void aPackageLineIsCalledOut() throws IOException {
    Verdict v =
        verify(
            "package my.stuff;\npublic class Main { public static void main(String[] a) {} }\n",
            5000);
    assertEquals(Diagnosis.WRONG_PACKAGE, v.diagnosis());
    assertTrue(v.problem().contains("remove the package line"), v.problem());
  }

  @Test
  void aWrongClassNameIsCalledOut() throws IOException {
    Verdict v = verify("public class Mian { public static void main(String[] a) {} }\n", 5000);
    assertEquals(Diagnosis.WRONG_PACKAGE, v.diagnosis());
    assertTrue(v.problem().contains("must declare the class Main"), v.problem());
  }

  @Test
  void compileErrorsPointAtTheLineAndColumn() throws IOException {
    Verdict v =
        verify(
            "public class Main {\n  public static void main(String[] a) {\n    int x = 1\n  }\n}\n",
            5000);
    assertEquals(Diagnosis.COMPILE_ERROR, v.diagnosis());
    String formatted = v.compileErrors().get(0).format();
    assertTrue(formatted.startsWith("Main.java:3:14: error: ';' expected"), formatted);
    assertTrue(formatted.contains("    int x = 1\n             ^"), formatted);
  }

  @Test
  void aMissingImportGetsAHint() throws IOException {
    Verdict v =
        verify(
            "public class Main { public static void main(String[] a) { EventLoop l = EventLoop.create(); } }\n",
            5000);
    assertEquals(Diagnosis.COMPILE_ERROR, v.diagnosis());
    assertTrue(text(v).contains("import dev.workshop.runtime.EventLoop;"), text(v));
  }

  @Test
  void anExceptionAtStartUpNamesTheLine() throws IOException {
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) {
            Object o = null;
            o.toString();
          }
        }
        """,
            5000);
    assertEquals(Diagnosis.EXCEPTION, v.diagnosis(), text(v));
    assertTrue(text(v).contains("java.lang.NullPointerException"), text(v));
    assertTrue(text(v).contains("Main.main(Main.java:4)"), text(v));
  }

  @Test
  void aPoolJobsErrorRethrownOnMainNamesTheJobsLineAndThread() throws IOException {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            loop.queueWork(
                () -> {
                  throw new IllegalArgumentException("bad input in the job");
                },
                (error, unused) -> {
                  if (error != null) throw new IllegalStateException("the job failed", error);
                });
            loop.run();
          }
        }
        """,
            8000);
    assertEquals(Diagnosis.EXCEPTION, v.diagnosis(), text(v));
    // The line main threw at, and the line inside the job that caused it, on its pool thread.
    assertTrue(text(v).contains("Main.main(Main.java:10)"), text(v));
    assertTrue(text(v).contains("caused by an exception thrown on \"pool-"), text(v));
    assertTrue(text(v).contains("(Main.java:7)"), text(v));
    assertTrue(
        text(v).contains("java.lang.IllegalArgumentException: bad input in the job"), text(v));
  }

  @Test
  void systemExitIsCalledOutWithItsLine() throws IOException {
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) {
            System.out.println("bye");
            System.exit(3);
          }
        }
        """,
            5000);
    assertEquals(Diagnosis.EXIT_CODE, v.diagnosis(), text(v));
    assertTrue(text(v).contains("System.exit was called in Main.main(Main.java:4)"), text(v));
  }

  @Test
  void anEndlessLoopOnMainIsStoppedAndLocated() throws IOException {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          static volatile long n;
          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            loop.post(() -> { while (true) { n++; } });
            loop.run();
          }
        }
        """,
            3000);
    assertFalse(v.passed());
    assertEquals(Diagnosis.COMPUTING, v.diagnosis(), text(v));
    assertTrue(text(v).contains("Main.main(Main.java:6) (a lambda)"), text(v));
    assertTrue(v.runs().get(0).timedOut());
  }

  @Test
  void aLoopLeftListeningIsIdleNotComputingAtTheTimeout() throws IOException {
    // The selector's wait is RUNNABLE to the JVM: only its CPU time tells it is not computing.
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            loop.createServer(connection -> {}).listen(0, () -> System.out.println("listening"));
            loop.run();
          }
        }
        """,
            3000);
    assertFalse(v.passed());
    assertEquals(Diagnosis.TIMEOUT, v.diagnosis(), text(v));
    assertTrue(text(v).contains("idle in the event loop"), text(v));
    assertFalse(text(v).contains("computing"), text(v));
  }

  @Test
  void aDeadlockIsShownAsACycle() throws IOException {
    Verdict v =
        verify(
            """
        public class Main {
          static final Object a = new Object(), b = new Object();
          public static void main(String[] args) throws Exception {
            Thread t = new Thread(() -> { synchronized (b) { pause(); synchronized (a) { } } }, "worker");
            t.start();
            synchronized (a) { pause(); synchronized (b) { } }
          }
          static void pause() { try { Thread.sleep(200); } catch (InterruptedException e) { } }
        }
        """,
            3000);
    assertEquals(Diagnosis.DEADLOCK, v.diagnosis(), text(v));
    assertTrue(text(v).contains("\"main\" at Main.main(Main.java:6)"), text(v));
    assertTrue(text(v).contains("held by \"worker\""), text(v));
  }

  @Test
  void aNonDaemonThreadThatKeepsTheJvmAliveIsNamed() throws IOException {
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) {
            new Thread(() -> { while (true) { try { Thread.sleep(50); } catch (InterruptedException e) { } } }, "keeper").start();
          }
        }
        """,
            3000);
    assertTrue(failedWith(v, Diagnosis.KEPT_ALIVE), text(v));
    assertTrue(
        text(v).contains("\"keeper\" is sleeping in Main.main(Main.java:3) (a lambda)"), text(v));
  }

  @Test
  void hugeOutputIsCappedAndCounted() throws IOException {
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) {
            byte[] line = new byte[1023];
            java.util.Arrays.fill(line, (byte) 'x');
            for (int i = 0; i < 100 * 1024; i++) { System.out.write(line, 0, line.length); System.out.println(); }
          }
        }
        """,
            20000);
    Run run = v.runs().get(0);
    assertEquals(1 << 20, run.stdout().length());
    assertEquals(100L * 1024 * 1024 - (1 << 20), run.process().stdoutDropped());
    assertTrue(
        v.info().stream()
            .anyMatch(
                i ->
                    i.contains(
                        "it printed " + (100L * 1024 * 1024 - (1 << 20)) + " characters more")),
        () -> String.join("\n", v.info()));
  }

  @Test
  void outOfMemoryIsAnException() throws IOException {
    Verdict v =
        verify(
            """
        import java.util.*;
        public class Main {
          public static void main(String[] args) {
            List<long[]> hog = new ArrayList<>();
            while (true) hog.add(new long[1 << 20]);
          }
        }
        """,
            10000);
    assertEquals(Diagnosis.EXCEPTION, v.diagnosis(), text(v));
    assertTrue(text(v).contains("java.lang.OutOfMemoryError"), text(v));
  }

  @Test
  void processesTheSolutionStartsAreNotLeftBehind() throws IOException, InterruptedException {
    String marker = "workshop-test-" + UUID.randomUUID();
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) throws Exception {
            new ProcessBuilder("sleep", "300", "%s").start();
            new ProcessBuilder("sleep", "301", "%s").start();
            while (true) Thread.sleep(100);
          }
        }
        """
                .formatted(marker, marker)
                .replace(
                    "\"sleep\", \"300\", \"" + marker + "\"",
                    "\"sh\", \"-c\", \"sleep 300; : " + marker + "\"")
                .replace(
                    "\"sleep\", \"301\", \"" + marker + "\"",
                    "\"sh\", \"-c\", \"sleep 301; : " + marker + "\""),
            2500);
    assertEquals(Diagnosis.TIMEOUT, v.diagnosis(), text(v));
    assertTrue(
        v.checks().stream().filter(c -> c.diagnosis() == Diagnosis.RAW_THREAD).findAny().isEmpty(),
        "the JDK's process reaper is not the solution's thread: " + text(v));
    assertEquals(2, v.runs().get(0).report().spawned().size(), "the probe saw both children");
    // A bounded poll, not a synchronisation: the OS may take a moment to reap what was ended.
    long left = -1;
    for (long end = System.nanoTime() + 10_000_000_000L; left != 0 && System.nanoTime() < end; ) {
      if (left > 0) Thread.sleep(50);
      left =
          ProcessHandle.allProcesses()
              .filter(p -> p.info().commandLine().orElse("").contains(marker))
              .count();
    }
    assertEquals(0, left, "processes left behind");
  }
}
