package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workshop watch} in a real terminal: the launcher runs in a tmux pane of 100 x 40, keys are
 * typed with {@code send-keys}, and the screen is read with {@code capture-pane}. Every wait is a
 * bounded poll of the screen, a file or the process table.
 *
 * <p>Skipped where tmux or pgrep is not installed, unless {@code WORKSHOP_REQUIRE_TMUX} is set:
 * {@code .ci/run} installs them and sets it, so that CI always runs these tests.
 */
class WatchIT {
  private static final Path LAUNCHER = Path.of("..", "workshop").toAbsolutePath().normalize();
  private static final Path EXERCISES =
      Path.of("..", "exercises", "catalogue", "src", "main", "exercises")
          .toAbsolutePath()
          .normalize();
  private static final Path FIRST = EXERCISES.resolve("01-processes-and-threads");

  /** A check of exercise 1 runs two JVMs that each start another: slow on a busy machine. */
  private static final Duration CHECK = Duration.ofMinutes(4);

  @TempDir Path home;
  private final String socket = "workshop-watch-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String marker =
      "watchit" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private Path myaddon;

  @BeforeEach
  void needsTmux() {
    boolean tools =
        run(Duration.ofSeconds(30), "tmux", "-V").status == 0
            && run(Duration.ofSeconds(30), "pgrep", "-V").status == 0;
    if (!tools && System.getenv("WORKSHOP_REQUIRE_TMUX") != null) {
      fail("tmux or pgrep is not installed, and WORKSHOP_REQUIRE_TMUX says these tests must run");
    }
    assumeTrue(tools, "tmux or pgrep is not installed");
    myaddon = home.resolve("myaddon");
  }

  @AfterEach
  void cleanUp() {
    run(Duration.ofSeconds(30), "tmux", "-L", socket, "kill-server");
    for (long pid : pids(marker)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void savesAreCheckedAndTheKeysWork() throws Exception {
    scaffold();
    start();
    awaitScreen("the first check's verdict", s -> since(s, "check #1").contains("check again"));
    assertTrue(screenSince("check #1").contains("FAIL"), "the starter files fail:\n" + screen());

    Files.copy(
        FIRST.resolve("wrong/thread-id-as-pid/Facts.java"),
        myaddon.resolve("Facts.java"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    awaitScreen("the wrong solution's verdict", s -> since(s, "check #2").contains("check again"));
    String wrong = screenSince("check #2");
    assertTrue(wrong.contains("you saved Facts.java"), wrong);
    assertTrue(wrong.contains("FAIL"), wrong);

    Files.copy(
        FIRST.resolve("solution/Facts.java"),
        myaddon.resolve("Facts.java"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    awaitScreen("the reference's verdict", s -> since(s, "check #3").contains("n next exercise"));
    String right = screenSince("check #3");
    assertTrue(right.contains("PASS"), right);
    assertTrue(
        Files.readString(home.resolve("progress.properties"))
            .contains("completed=processes-and-threads"),
        "a PASS is recorded as verify records it");

    keys("h");
    awaitScreen("a hint", s -> since(s, "check #3").contains("Hint 1 of"));

    keys("n");
    awaitScreen("the next exercise", s -> s.contains("Now on 2."));
    assertTrue(
        Files.isRegularFile(myaddon.resolve("Schedule.java")),
        "exercise 2 is scaffolded into the folder");
    assertTrue(
        Files.isRegularFile(myaddon.resolve(".done/01-processes-and-threads/Facts.java")),
        "exercise 1's solution is kept");
    assertTrue(
        Files.readString(home.resolve("progress.properties"))
            .contains("current=one-loop-one-thread"));

    keys("q");
    assertEquals("0", exitCode(), screen());
  }

  @Test
  void aSaveCancelsTheCheckRunningAndCtrlCLeavesNothingRunning() throws Exception {
    String first = marker + "first";
    String second = marker + "second";
    scaffold();
    write(first);
    start();
    awaitProcesses("the first solution's child process", first);

    write(second);
    awaitScreen("the second check", s -> s.contains("check #2"));
    String screen = screen();
    String cancelled = screen.substring(screen.indexOf("check #1"), screen.indexOf("check #2"));
    assertTrue(
        !cancelled.contains("FAIL") && !cancelled.contains("check again"),
        "the first check was cancelled, not run to its verdict:\n" + cancelled);
    // The next check starts only once the one it replaces has ended, with its process tree.
    assertEquals(List.of(), pids(first), "the cancelled check's processes are gone");
    awaitProcesses("the second solution's child process", second);

    keys("C-c");
    assertEquals("130", exitCode(), screen());
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!pids(marker).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50); // the kernel's process table may lag the exit by a moment
    }
    assertEquals(
        List.of(),
        pids(marker),
        "no JVM of the solution, nor anything it started, is left running");
  }

  /** A Facts.java that starts a process named after {@code tag} and sleeps: a check that never ends by itself. */
  private void write(String tag) throws IOException {
    Files.writeString(
        myaddon.resolve("Facts.java"),
        String.join(
            "\n",
            "public class Facts {",
            "  static long pid() throws Exception {",
            "    new ProcessBuilder(\"sh\", \"-c\", \"sleep 600; echo " + tag + "\").start();",
            "    Thread.sleep(600_000);",
            "    return 0;",
            "  }",
            "  static int cores() { return 0; }",
            "  static String currentThread() { return \"\"; }",
            "  static long countWithTwoThreads(int perThread) throws InterruptedException { return 0; }",
            "  static long runChild() throws Exception { return 0; }",
            "}",
            ""),
        StandardCharsets.UTF_8);
  }

  /** Selects exercise 1 and scaffolds it into myaddon, through the launcher. */
  private void scaffold() throws IOException, InterruptedException {
    for (String[] args : new String[][] {{"select", "1"}, {"scaffold", "myaddon"}}) {
      List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
      command.addAll(List.of(args));
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
      builder
          .environment()
          .putAll(
              java.util.Map.of(
                  "HOME",
                  home.toString(),
                  "WORKSHOP_HOME",
                  home.toString(),
                  "WORKSHOP_SKIP_BUILD",
                  "1",
                  "JAVA_HOME",
                  System.getProperty("java.home")));
      Process p = builder.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(2, TimeUnit.MINUTES), String.join(" ", args));
      assertEquals(0, p.exitValue(), out);
    }
  }

  /**
   * Starts {@code workshop watch myaddon} in a tmux pane of 100 x 40; its exit code goes to a
   * file. The solutions' JVMs run through a link whose path holds the marker, so that
   * {@code pgrep -f} finds them and nothing else.
   */
  private void start() throws IOException {
    Path bin = Files.createDirectories(home.resolve(marker).resolve("bin"));
    Files.createSymbolicLink(
        bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java").toRealPath());
    Path script = home.resolve("watch.sh");
    Files.writeString(
        script,
        String.join(
            "\n",
            "export HOME=" + q(home) + " WORKSHOP_HOME=" + q(home) + " WORKSHOP_SKIP_BUILD=1",
            "export JAVA_HOME="
                + q(Path.of(System.getProperty("java.home")))
                + " WORKSHOP_JAVA="
                + q(bin.resolve("java")),
            "unset NO_COLOR WORKSHOP_PAGER",
            "cd " + q(home),
            q(LAUNCHER) + " watch myaddon",
            "echo $? > "
                + q(home.resolve("rc.tmp"))
                + " && mv "
                + q(home.resolve("rc.tmp"))
                + " "
                + q(home.resolve("rc")),
            ""),
        StandardCharsets.UTF_8);
    Result tmux =
        run(
            Duration.ofSeconds(30),
            "tmux",
            "-L",
            socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "40",
            "bash " + q(script));
    assertEquals(0, tmux.status, tmux.output);
  }

  private static String q(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }

  private void keys(String keys) {
    Result sent = run(Duration.ofSeconds(30), "tmux", "-L", socket, "send-keys", "-t", "0", keys);
    assertEquals(0, sent.status, sent.output);
  }

  /** The pane as it is now, with its history. */
  private String screen() {
    return run(
            Duration.ofSeconds(30),
            "tmux",
            "-L",
            socket,
            "capture-pane",
            "-p",
            "-J",
            "-S",
            "-",
            "-t",
            "0")
        .output;
  }

  /** The pane from the last line that contains {@code header} on. */
  private String screenSince(String header) {
    return since(screen(), header);
  }

  private static String since(String screen, String header) {
    int at = screen.lastIndexOf(header);
    return at < 0 ? "" : screen.substring(at);
  }

  private void awaitScreen(String what, java.util.function.Predicate<String> ready)
      throws InterruptedException {
    await(what, () -> ready.test(screen()));
  }

  private void awaitProcesses(String what, String tag) throws InterruptedException {
    await(what, () -> !pids(tag).isEmpty());
  }

  /** Polls until {@code ready}, failing after {@link #CHECK} or when watch has ended. */
  private void await(String what, BooleanSupplier ready) throws InterruptedException {
    long deadline = System.nanoTime() + CHECK.toNanos();
    while (!ready.getAsBoolean()) {
      boolean ended = Files.exists(home.resolve("rc"));
      if (ended || System.nanoTime() > deadline) {
        fail(
            "waited for "
                + what
                + (ended ? ", but watch ended" : " for " + CHECK.toSeconds() + " s")
                + ". The screen:\n"
                + screen());
      }
      Thread.sleep(100);
    }
  }

  /** The exit code of {@code workshop watch}, once it has ended. */
  private String exitCode() throws Exception {
    Path rc = home.resolve("rc");
    long deadline = System.nanoTime() + CHECK.toNanos();
    while (!Files.exists(rc) && tmuxHasSession()) {
      if (System.nanoTime() > deadline) fail("watch did not end. The screen:\n" + screen());
      Thread.sleep(100);
    }
    return Files.exists(rc) ? Files.readString(rc).strip() : "(no exit code: the pane closed)";
  }

  private boolean tmuxHasSession() {
    return run(Duration.ofSeconds(30), "tmux", "-L", socket, "has-session").status == 0;
  }

  /** The processes whose command line contains {@code tag}, as {@code pgrep -f} finds them. */
  private static List<Long> pids(String tag) {
    Result found = run(Duration.ofSeconds(30), "pgrep", "-f", tag);
    List<Long> pids = new ArrayList<>();
    for (String line : found.output.split("\n")) {
      if (!line.isBlank()) pids.add(Long.parseLong(line.strip()));
    }
    return pids;
  }

  private record Result(int status, String output) {}

  private static Result run(Duration timeout, String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Result(-1, new String(out, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }
}
