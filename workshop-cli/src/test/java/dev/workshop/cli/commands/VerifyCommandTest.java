package dev.workshop.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.Cli;
import dev.workshop.cli.ExitCode;
import dev.workshop.cli.SharedFixtures;
import dev.workshop.cli.TerminalInfo;
import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} and {@code run} through the whole command line, on CALL ME MAYBE. */
class VerifyCommandTest {
  @TempDir Path home;
  @TempDir Path work;

  private Cli cli() {
    Cli cli = new Cli(home);
    cli.run("select", "3");
    return cli;
  }

  private static Exercise callMeMaybe() {
    return Catalogue.load().byId("call-me-maybe").orElseThrow();
  }

  private Path folderWith(String source) throws Exception {
    Path dir = Files.createDirectories(work.resolve("myaddon"));
    Files.writeString(dir.resolve("Delay.java"), source);
    return dir;
  }

  @Test
  void aFolderThatDoesNotExistIsAUsageError() {
    Cli.Result r = cli().run("verify", work.resolve("nope").toString());
    assertEquals(ExitCode.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("does not exist") && r.err().contains("scaffold"), r.err());
  }

  @Test
  void aFileIsAUsageError() throws Exception {
    Path file = Files.writeString(work.resolve("Delay.java"), "class Delay {}");
    Cli.Result r = cli().run("verify", file.toString());
    assertEquals(ExitCode.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("is a file, not a folder"), r.err());
  }

  @Test
  void verifyWithoutAFolderIsAUsageError() {
    Cli.Result r = cli().run("verify");
    assertEquals(ExitCode.USAGE, r.status(), r.toString());
  }

  @Test
  void aUsageErrorIsTheErrorAloneForVerifyAndRun() throws Exception {
    Path nope = work.resolve("nope");
    Path file = Files.writeString(work.resolve("Delay.java"), "class Delay {}");
    String fix =
        ". Give the folder that holds your solution, for example 'workshop verify myaddon'; 'workshop scaffold' makes one.\n";
    for (String command : new String[] {"verify", "run"}) {
      Cli.Result none = cli().run(command);
      assertEquals(ExitCode.USAGE, none.status(), none.toString());
      assertEquals("", none.out(), "no header before a usage error: " + none);
      assertEquals("error: no solution folder given" + fix, none.err());
      Cli.Result missing = cli().run(command, nope.toString());
      assertEquals(ExitCode.USAGE, missing.status(), missing.toString());
      assertEquals("", missing.out(), "no header before a usage error: " + missing);
      assertEquals("error: " + nope + " does not exist" + fix, missing.err());
      Cli.Result aFile = cli().run(command, file.toString());
      assertEquals(ExitCode.USAGE, aFile.status(), aFile.toString());
      assertEquals("", aFile.out(), "no header before a usage error: " + aFile);
      assertEquals("error: " + file + " is a file, not a folder" + fix, aFile.err());
    }
  }

  @Test
  void aDumbTerminalOrAPipeGetsNoControlCodes() throws Exception {
    Path dir = folderWith("public class Delay {\n  oops\n}\n");
    // The launcher's properties for a terminal on both stdout and stderr, then for pipes.
    Map<String, String> both = Map.of("workshop.tty.out", "true", "workshop.tty.err", "true");
    // A terminal that can: the progress line rewrites itself (so the checks below can fail).
    Cli.Result able =
        cli()
            .terminal(TerminalInfo.detect(Map.of("TERM", "xterm-256color"), both::get))
            .run("verify", dir.toString());
    assertTrue(
        able.err().startsWith("\r\u001b[K") && able.err().contains("compiling…"), able.toString());
    for (Map<String, String> env :
        List.of(
            Map.of("TERM", "dumb"),
            Map.of("TERM", "dumb", "NO_COLOR", "1"),
            Map.of("NO_COLOR", "1"))) {
      assertNoControlCodes(
          cli().terminal(TerminalInfo.detect(env, both::get)).run("verify", dir.toString()),
          env.toString());
    }
    Map<String, String> errPiped = Map.of("workshop.tty.out", "true", "workshop.tty.err", "false");
    assertNoControlCodes(
        cli()
            .terminal(
                TerminalInfo.detect(
                    Map.of("TERM", "xterm-256color", "NO_COLOR", "1"), errPiped::get))
            .run("verify", dir.toString()),
        "stderr not a terminal");
    Map<String, String> outPiped = Map.of("workshop.tty.out", "false", "workshop.tty.err", "true");
    assertNoControlCodes(
        cli()
            .terminal(
                TerminalInfo.detect(
                    Map.of("TERM", "xterm-256color", "NO_COLOR", "1"), outPiped::get))
            .run("verify", dir.toString()),
        "stdout not a terminal");
  }

  private static void assertNoControlCodes(Cli.Result r, String where) {
    assertEquals(ExitCode.FAIL, r.status(), r.toString());
    assertTrue(
        r.out().contains("does not compile") || r.out().contains("[compile-error]"), r.toString());
    byte[] bytes = (r.out() + r.err()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (byte b : bytes) {
      assertTrue(b != 0x1b && b != '\r', where + ": a control code in\n" + r);
    }
  }

  @Test
  void anEmptyFolderFailsAndNamesTheFile() throws Exception {
    Path empty = Files.createDirectories(work.resolve("empty"));
    Cli.Result r = cli().run("verify", empty.toString());
    assertEquals(ExitCode.FAIL, r.status(), r.toString());
    assertTrue(r.out().contains("has no Delay.java"), r.out());
  }

  @Test
  void aCompileErrorFailsWithTheLineAndACaret() throws Exception {
    Path dir =
        folderWith(
            "import dev.workshop.runtime.EventLoop;\npublic class Delay {\n"
                + "  static void delay(EventLoop loop, long ms, Runnable callback) {\n    callback.run()\n  }\n}\n");
    Cli.Result r = cli().run("verify", dir.toString());
    assertEquals(ExitCode.FAIL, r.status(), r.toString());
    assertTrue(r.out().contains("Delay.java:4:19: error: ';' expected"), r.out());
    // the source line and the caret under column 19, both indented by the verdict's 2 spaces
    assertTrue(r.out().contains("\n      callback.run()\n" + " ".repeat(20) + "^"), r.out());
    assertTrue(
        r.out().contains("[compile-error]") || r.out().contains("does not compile"), r.out());
  }

  @Test
  void aPassMarksTheExerciseCompletedAndShowsTheSolution() throws Exception {
    Path dir = folderWith(callMeMaybe().solution("Delay.java"));
    Cli cli = cli();
    Cli.Result r = cli.run("verify", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertTrue(r.out().contains("PASS"), r.out());
    assertTrue(r.out().contains("Delay.java (official solution)"), r.out());
    assertTrue(
        r.out().contains("main thread blocked for"), "the lesson's block is shown: " + r.out());
    assertTrue(r.out().contains("Type workshop next"), r.out());
    assertTrue(
        cli.run("list").out().contains("3. CALL ME MAYBE")
            && cli.run("list").out().contains("COMPLETED"));
  }

  @Test
  void aFailSaysWhatToTryAndKeepsTheExerciseOpen() throws Exception {
    String tooShort =
        callMeMaybe().solution("Delay.java").replace("Thread.sleep(ms)", "Thread.sleep(ms / 3)");
    Path dir = folderWith(tooShort);
    Cli cli = cli();
    Cli.Result r = cli.run("verify", dir.toString());
    assertEquals(ExitCode.FAIL, r.status(), r.toString());
    assertTrue(r.out().contains("✗ java Host 333: the callback ran once"), r.out());
    assertTrue(r.out().contains("too early"), r.out());
    assertTrue(r.out().contains("[wrong-result]"), r.out());
    assertTrue(r.out().contains("workshop hint"), r.out());
    assertFalse(cli.run("list").out().contains("COMPLETED"));
    // Inside watch, a key does it.
    Cli.Result watched = cli.run("verify", "--watching", dir.toString());
    assertTrue(watched.out().contains("Stuck?  press h"), watched.out());
    assertFalse(watched.out().contains("workshop hint"), watched.out());
  }

  @Test
  void aTraceOfAVerifyHasTheLoopThePoolAndTheCounters() throws Exception {
    // The reference solution's `verify --trace`, run once in this JVM for every test that needs
    // it (SharedFixtures): the same command, in a folder and progress of its own.
    SharedFixtures.ReferenceVerify verify = SharedFixtures.referenceVerify(callMeMaybe());
    Cli.Result r = verify.result();
    assertEquals(ExitCode.OK, r.status(), r.toString());
    java.util.List<com.google.gson.JsonObject> events =
        dev.workshop.cli.TraceCheck.events(verify.trace());
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.get("ph").getAsString().equals("X")
                        && e.get("cat").getAsString().equals("callback")),
        "a slice per callback");
    assertTrue(
        events.stream().anyMatch(e -> e.get("name").getAsString().equals("loop lag (ms)")),
        "the loop lag counter");
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.get("ph").getAsString().equals("M")
                        && e.getAsJsonObject("args").get("name").getAsString().startsWith("java ")),
        "a process per run, named as the verdict names it");
  }

  @Test
  void aTraceFileThatCannotBeWrittenIsAUsageErrorBeforeAnythingRuns() throws Exception {
    Path dir = folderWith(callMeMaybe().solution("Delay.java"));
    Cli.Result r =
        cli()
            .run(
                "verify",
                "--trace",
                dir.resolve("no/such/folder/t.json").toString(),
                dir.toString());
    assertEquals(ExitCode.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("its folder does not exist"), r.toString());
    assertFalse(r.out().contains("Verifying"), r.toString());
  }

  @Test
  void runShowsTheOutputAndTheThreadsWithoutAVerdict() throws Exception {
    Path dir = folderWith(callMeMaybe().solution("Delay.java"));
    Cli cli = cli();
    Cli.Result r = cli.run("run", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertTrue(r.out().contains("$ java Host 333"), r.out());
    assertTrue(r.out().contains("Done!"), r.out());
    assertTrue(r.out().contains("Threads"), r.out());
    assertTrue(r.out().contains("main thread blocked for"), r.out());
    assertFalse(r.out().contains("PASS"), r.out());
    assertFalse(cli.run("list").out().contains("COMPLETED"), "run never completes an exercise");
  }
}
