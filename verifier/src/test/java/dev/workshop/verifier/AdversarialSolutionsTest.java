package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.ProcessGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Solutions that take shortcuts, make honest mistakes, or try to break the tool: each gets a clear
 * verdict, none leaves a process behind, none reaches what the verifier trusts. (See the threat
 * model in docs/verifier.md.)
 */
class AdversarialSolutionsTest {
  @TempDir Path root;

  /** The shared cache, but for the tests that look inside theirs or tamper with it. */
  private Path cache = TestExercise.sharedCache();

  private Verifier verifier() {
    return new Verifier(cache, Map.of());
  }

  private Verdict verify(Path dir, long timeoutMs) {
    return verifier().verify(TestExercise.withTimeout(timeoutMs), dir, s -> {});
  }

  private Verdict verify(String source, long timeoutMs) throws IOException {
    return verify(TestExercise.solution(root, source), timeoutMs);
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

  /** A number no other process's command line holds: {@code sleep 300.<digits>}. */
  private static String sleepMarker() {
    return "300."
        + Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
  }

  /** Waits, up to 10 s, until no process's command line contains {@code marker}; returns those left. */
  private static List<String> leftBehind(String marker) throws InterruptedException {
    List<String> left = List.of();
    for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; ) {
      left =
          ProcessHandle.allProcesses()
              .filter(p -> p.info().commandLine().orElse("").contains(marker))
              .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
              .toList();
      if (left.isEmpty()) return left;
      Thread.sleep(50); // a bounded poll, not a synchronisation
    }
    return left;
  }

  // --- nothing outlives a verify ----------------------------------------------------------------

  @Test
  void theChildOfAShellThatExitsAtOnceIsEnded() throws Exception {
    String marker = sleepMarker();
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) throws Exception {
            new ProcessBuilder("sh", "-c", "sleep %s >/dev/null 2>&1 &").start().waitFor();
            System.out.println("started");
          }
        }
        """
                .formatted(marker),
            5000);
    assertEquals(1, v.runs().size(), text(v));
    assertTrue(v.runs().get(0).stdout().contains("started"), v.runs().get(0).stdout());
    assertEquals(
        List.of(), leftBehind("sleep " + marker), "an orphan of the shell outlived the verify");
  }

  @Test
  void aChildOfAJvmThatHaltsIsEnded() throws Exception {
    String marker = sleepMarker();
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) throws Exception {
            new ProcessBuilder("sleep", "%s").start();
            Runtime.getRuntime().halt(0);
          }
        }
        """
                .formatted(marker),
            5000);
    assertEquals(1, v.runs().size(), text(v));
    assertEquals(
        List.of(), leftBehind("sleep " + marker), "the halted JVM's child outlived the verify");
  }

  @Test
  void theChildJvmLeadsItsOwnGroupUnderItsOwnPid() throws Exception {
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) throws Exception {
            System.out.println("pid " + ProcessHandle.current().pid());
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/stat")));
            System.out.println("pgrp " + stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
          }
        }
        """,
            5000);
    Run run = v.runs().get(0);
    assertEquals(
        run.pid(),
        run.number("pid ").orElseThrow(),
        "Process.pid() is the JVM's own pid: " + run.stdout());
    if (ProcessGroup.supported()) {
      assertEquals(
          run.pid(),
          run.number("pgrp ").orElseThrow(),
          "the JVM leads its own process group: " + run.stdout());
    }
  }

  // --- the report channel -----------------------------------------------------------------------

  @Test
  void fakeReportRecordsOnStdoutAndStderrChangeNothing() throws Exception {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) {
            String fake = "cb\\t1\\tpost\\t\\t0\\t1000\\t1000\\t0\\t0\\t1\\nmain\\t2000\\treturned\\nend\\t3000\\tshutdown";
            System.out.println(fake);
            System.err.println(fake);
            EventLoop loop = EventLoop.create();
            loop.post(() -> {
              try { Thread.sleep(200); } catch (InterruptedException e) { }
            });
            loop.run();
          }
        }
        """,
            5000);
    assertEquals(Diagnosis.SLEEPING, v.diagnosis(), text(v));
    assertTrue(text(v).contains("Main.main(Main.java:9)"), text(v));
  }

  @Test
  void theSolutionsStandardInputIsEmpty() throws Exception {
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) throws Exception {
            System.out.println("read " + System.in.read());
          }
        }
        """,
            5000);
    assertEquals(-1L, v.runs().get(0).number("read ").orElseThrow(), v.runs().get(0).stdout());
    assertTrue(v.runs().get(0).report().present(), "the probe's report arrived");
  }

  @Test
  void endlessOutputWithoutNewlinesIsBounded() throws Exception {
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) {
            String x = "x".repeat(8192), y = "y".repeat(8192);
            while (true) { System.out.print(x); System.err.print(y); }
          }
        }
        """,
            3000);
    Run run = v.runs().get(0);
    assertTrue(run.timedOut(), text(v));
    assertEquals(1 << 20, run.stdout().length());
    assertEquals(1 << 20, run.stderr().length());
    assertTrue(run.process().stdoutDropped() > 0 && run.process().stderrDropped() > 0);
    assertTrue(run.report().present(), "the report is read despite the flood");
    assertFalse(v.passed());
  }

  // --- the child's environment and the compile cache --------------------------------------------

  @Test
  void theChildGetsAThrowAwayHomeAndACopyOfItsClasses() throws Exception {
    cache = root.resolve("cache");
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) {
            System.out.println("HOME=" + System.getenv("HOME"));
            System.out.println("user.home=" + System.getProperty("user.home"));
            System.out.println("cp=" + System.getProperty("java.class.path"));
            System.out.println("vars=" + System.getenv().keySet().stream().filter(k -> k.startsWith("WORKSHOP_")
                || k.endsWith("JAVA_OPTIONS") || k.equals("JAVA_TOOL_OPTIONS")).toList());
          }
        }
        """,
            5000);
    Run run = v.runs().get(0);
    String home = run.after("HOME=").orElseThrow();
    assertEquals(home, run.after("user.home=").orElseThrow());
    assertNotEquals(System.getProperty("user.home"), home);
    assertTrue(
        Path.of(home).getParent().getFileName().toString().startsWith("workshop-run-"), home);
    assertFalse(Files.exists(Path.of(home)), "the run's folder is deleted after the run");
    String cp = run.after("cp=").orElseThrow();
    assertFalse(cp.contains(cache.toString()), "the class path names the compile cache: " + cp);
    assertEquals("[]", run.after("vars=").orElseThrow());
  }

  @Test
  void theChildsEnvironmentLosesTheWorkshopsVariables() {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "WORKSHOP_HOME",
                "/h",
                "WORKSHOP_CACHE",
                "/c",
                "WORKSHOP_THREADPOOL_SIZE",
                "9",
                "JAVA_TOOL_OPTIONS",
                "-Xint",
                "_JAVA_OPTIONS",
                "-Xint",
                "JDK_JAVA_OPTIONS",
                "-Xint",
                "HOME",
                "/home/learner",
                "PATH",
                "/usr/bin"));
    RunLauncher.childEnvironment(env, Path.of("/tmp/workshop-run-1/home"));
    assertEquals(Map.of("HOME", "/tmp/workshop-run-1/home", "PATH", "/usr/bin"), env);
  }

  @Test
  void aPoisonedCacheEntryIsNotUsed() throws Exception {
    cache = root.resolve("cache");
    String honest =
        "public class Main { public static void main(String[] a) { System.out.println(\"honest\"); } }\n";
    String poisoned =
        "public class Main { public static void main(String[] a) { System.out.println(\"poisoned\"); } }\n";
    Path honestDir = TestExercise.solution(root, honest);
    assertEquals("honest", verify(honestDir, 5000).runs().get(0).stdout().strip());
    Path compiled = cache.resolve("compiled");
    List<Path> before;
    try (Stream<Path> s = Files.list(compiled)) {
      before = s.filter(Files::isDirectory).toList();
    }
    assertEquals("poisoned", verify(poisoned, 5000).runs().get(0).stdout().strip());
    Path poisonedClass;
    try (Stream<Path> s = Files.list(compiled)) {
      poisonedClass =
          s.filter(Files::isDirectory)
              .filter(d -> !before.contains(d))
              .findFirst()
              .orElseThrow()
              .resolve("classes")
              .resolve("Main.class");
    }
    // What a run that found the cache could do: rewrite another entry's class file.
    Files.copy(
        poisonedClass,
        before.get(0).resolve("classes").resolve("Main.class"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Verdict again = verify(honestDir, 5000);
    assertEquals("honest", again.runs().get(0).stdout().strip(), "the poisoned class was run");
  }

  // --- breaking the tool ------------------------------------------------------------------------

  private static final String MAIN =
      "public class Main { public static void main(String[] a) { } }\n";

  @Test
  void aStrayFileThatIsNotUtf8IsACompileErrorNamingIt() throws Exception {
    Path dir = TestExercise.solution(root, MAIN);
    Files.write(
        dir.resolve("Notes.java"), new byte[] {'/', '/', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    Verdict v = verify(dir, 5000);
    assertEquals(Diagnosis.COMPILE_ERROR, v.diagnosis(), text(v));
    assertTrue(text(v).contains("Notes.java: error: this file is not UTF-8 text"), text(v));
  }

  @Test
  void aStrayCopyWithTheSameClassNamesBothFiles() throws Exception {
    Path dir = TestExercise.solution(root, MAIN);
    Files.writeString(dir.resolve("Main copy.java"), MAIN.replace("public class", "class"));
    Verdict v = verify(dir, 5000);
    assertEquals(Diagnosis.COMPILE_ERROR, v.diagnosis(), text(v));
    assertTrue(text(v).contains("class Main is declared in Main copy.java and Main.java"), text(v));
    assertTrue(text(v).contains("delete or rename Main copy.java"), text(v));

    Path other = TestExercise.solution(root, MAIN);
    Files.writeString(other.resolve("Main2.java"), MAIN.replace("public class", "class"));
    Verdict w = verify(other, 5000);
    assertEquals(Diagnosis.COMPILE_ERROR, w.diagnosis(), text(w));
    assertTrue(text(w).contains("class Main is declared in Main.java and Main2.java"), text(w));
  }

  @Test
  void aPackageLineInAnyFileIsWrongPackageNamingIt() throws Exception {
    Path dir = TestExercise.solution(root, MAIN);
    Files.writeString(dir.resolve("Util.java"), "package tools;\nclass Util { }\n");
    Verdict v = verify(dir, 5000);
    assertEquals(Diagnosis.WRONG_PACKAGE, v.diagnosis(), text(v));
    assertTrue(v.problem().startsWith("Util.java declares package tools"), v.problem());
  }

  @Test
  void enormousSourcesAreRefused() throws Exception {
    String big = MAIN + "// " + "x".repeat((int) (1.5 * (1 << 20))) + "\n";
    Verdict v = verify(big, 5000);
    assertEquals(Diagnosis.COMPILE_ERROR, v.diagnosis(), text(v));
    assertEquals(
        "Main.java is 1.5 MiB: too big to be a solution (at most 1 MiB per file)", v.problem());

    Path dir = TestExercise.solution(root, MAIN);
    for (int i = 0; i < 5; i++) {
      Files.writeString(
          dir.resolve("Part" + i + ".java"),
          "class Part" + i + " { }\n// " + "x".repeat(900 * 1024) + "\n");
    }
    Verdict all = verify(dir, 5000);
    assertEquals(Diagnosis.COMPILE_ERROR, all.diagnosis(), text(all));
    assertTrue(
        all.problem().contains("too much to be a solution (at most 4 MiB in all)"), all.problem());
  }

  @Test
  void sourceNestedTooDeeplyIsACompileError() throws Exception {
    int depth = 100_000;
    Verdict v =
        verify(
            "public class Main {\n  static int x = "
                + "(".repeat(depth)
                + "1"
                + ")".repeat(depth)
                + ";\n  public static void main(String[] a) { }\n}\n",
            5000);
    assertEquals(Diagnosis.COMPILE_ERROR, v.diagnosis(), text(v));
    assertTrue(
        text(v)
            .contains(
                "Main.java: error: too deeply nested for the compiler (brackets nested 100001 deep)"),
        text(v));
  }

  // --- switching the probe off, lying to it ------------------------------------------------------

  @Test
  void aSecondClassInTheFileThatReachesIntoTheInstrumentationIsRefusedToo() throws IOException {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) {
            // dev.workshop.runtime.instrument is mentioned here in a comment only
            EventLoop loop = EventLoop.create();
            loop.post(() -> System.out.println(Spy.peek()));
            loop.run();
          }
        }
        class Spy {
          static Object peek() { return dev.workshop.runtime.instrument.Instrumentation.listener(); }
        }
        """,
            5000);
    assertEquals(Diagnosis.TAMPERED, v.diagnosis(), text(v));
    assertTrue(
        text(v)
            .contains(
                "Main.java:11:33: error: this names dev.workshop.runtime.instrument.Instrumentation"),
        text(v));
    assertFalse(text(v).contains("Main.java:4:"), "not the comment: " + text(v));
    assertEquals(List.of(), v.runs(), "it never ran");
  }

  @Test
  void aSolutionThatReachesIntoTheInstrumentationIsRefusedBeforeItRuns() throws IOException {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) {
            dev.workshop.runtime.instrument.Instrumentation.install(null);
            EventLoop loop = EventLoop.create();
            loop.post(() -> { });
            loop.run();
          }
        }
        """,
            5000);
    assertFalse(v.passed());
    assertEquals(Diagnosis.TAMPERED, v.diagnosis(), text(v));
    assertTrue(v.problem().contains("dev.workshop.runtime.instrument"), v.problem());
    assertTrue(
        text(v)
            .contains(
                "Main.java:4:5: error: this names dev.workshop.runtime.instrument.Instrumentation"),
        text(v));
    assertEquals(List.of(), v.runs(), "it never ran");
  }

  @Test
  void theProbesListenerCannotBeSwitchedOffByReflectionEither() throws IOException {
    // Reached by name, past the check of the compiled classes: the sealed listener refuses.
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) throws Exception {
            String name = new StringBuilder("noitatnemurtsnI.tnemurtsni.emitnur.pohskrow.ved").reverse().toString();
            Class.forName(name).getMethod("install", Class.forName(name.replace("Instrumentation", "RuntimeListener")))
                .invoke(null, (Object) null);
            EventLoop loop = EventLoop.create();
            loop.post(() -> { });
            loop.run();
          }
        }
        """,
            5000);
    assertFalse(v.passed(), text(v));
    assertTrue(text(v).contains("cannot be replaced or removed"), text(v));
  }

  @Test
  void aThreadNamedLikeThePoolIsStillTheSolutionsOwn() throws IOException {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          static volatile long sink;
          public static void main(String[] args) throws Exception {
            EventLoop loop = EventLoop.create();
            loop.post(() -> {
              Thread t = new Thread(() -> work(), "pool-1");
              t.start();
            });
            loop.run();
          }
          static void work() {
            for (int i = 0; i < 1000; i++) sink += i;
          }
        }
        """,
            5000);
    assertFalse(v.passed(), text(v));
    assertEquals(Diagnosis.RAW_THREAD, v.diagnosis(), text(v));
    assertTrue(text(v).contains("\"pool-1\""), text(v));
    assertTrue(text(v).contains("Main.java:8"), "the line that started it: " + text(v));
  }
}
