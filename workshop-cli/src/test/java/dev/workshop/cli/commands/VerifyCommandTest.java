package dev.workshop.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.Cli;
import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void anEmptyFolderFailsAndNamesTheFile() throws Exception {
    Path empty = Files.createDirectories(work.resolve("empty"));
    Cli.Result r = cli().run("verify", empty.toString());
    assertEquals(ExitCode.FAIL, r.status(), r.toString());
    assertTrue(r.out().contains("has no Delay.java"), r.out());
  }

  @Test
  void aCompileErrorFailsWithTheLineAndACaret() throws Exception {
    Path dir = folderWith("import dev.workshop.runtime.EventLoop;\npublic class Delay {\n"
        + "  static void delay(EventLoop loop, long ms, Runnable callback) {\n    callback.run()\n  }\n}\n");
    Cli.Result r = cli().run("verify", dir.toString());
    assertEquals(ExitCode.FAIL, r.status(), r.toString());
    assertTrue(r.out().contains("Delay.java:4:19: error: ';' expected"), r.out());
    // the source line and the caret under column 19, both indented by the verdict's 2 spaces
    assertTrue(r.out().contains("\n      callback.run()\n" + " ".repeat(20) + "^"), r.out());
    assertTrue(r.out().contains("[compile-error]") || r.out().contains("does not compile"), r.out());
  }

  @Test
  void aPassMarksTheExerciseCompletedAndShowsTheSolution() throws Exception {
    Path dir = folderWith(callMeMaybe().solution("Delay.java"));
    Cli cli = cli();
    Cli.Result r = cli.run("verify", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertTrue(r.out().contains("PASS"), r.out());
    assertTrue(r.out().contains("Delay.java (official solution)"), r.out());
    assertTrue(r.out().contains("main thread blocked for"), "the lesson's block is shown: " + r.out());
    assertTrue(r.out().contains("Type workshop next"), r.out());
    assertTrue(cli.run("list").out().contains("3. CALL ME MAYBE") && cli.run("list").out().contains("COMPLETED"));
  }

  @Test
  void aFailSaysWhatToTryAndKeepsTheExerciseOpen() throws Exception {
    String tooShort = callMeMaybe().solution("Delay.java").replace("Thread.sleep(ms)", "Thread.sleep(ms / 3)");
    Path dir = folderWith(tooShort);
    Cli cli = cli();
    Cli.Result r = cli.run("verify", dir.toString());
    assertEquals(ExitCode.FAIL, r.status(), r.toString());
    assertTrue(r.out().contains("✗ java Host 333: the callback ran once"), r.out());
    assertTrue(r.out().contains("too early"), r.out());
    assertTrue(r.out().contains("[wrong-result]"), r.out());
    assertTrue(r.out().contains("workshop hint"), r.out());
    assertFalse(cli.run("list").out().contains("COMPLETED"));
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
