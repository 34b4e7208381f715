package dev.workshop.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.Cli;
import dev.workshop.cli.ExitCode;
import dev.workshop.cli.workspace.FolderState;
import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One folder across exercises, through {@code scaffold}, {@code verify} and {@code run}: what moves
 * where, what is refused, and that nothing the learner wrote is ever lost. No solution runs here:
 * {@link OneFolderJourneyTest} verifies a whole journey.
 */
class OneFolderTest {
  private static final List<Exercise> EXERCISES = Catalogue.load().exercises();

  @TempDir Path home;
  @TempDir Path work;

  private Cli cli() {
    return new Cli(home);
  }

  private static Exercise exercise(int number) {
    return EXERCISES.get(number - 1);
  }

  private Path scaffolded(int number) {
    Path dir = work.resolve("myaddon");
    assertEquals(ExitCode.OK, cli().run("select", String.valueOf(number)).status());
    Cli.Result r = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    return dir;
  }

  private static Path kept(Path dir, int number) {
    return dir.resolve(".done").resolve(exercise(number).folder());
  }

  @Test
  void movingOnReplacesTheProvidedFilesAndKeepsYoursInDone() throws Exception {
    Path dir = scaffolded(2);
    Files.writeString(dir.resolve("Schedule.java"), "// my schedule\n");
    cli().run("select", "3");
    Cli.Result r = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertEquals("// my schedule\n", Files.readString(kept(dir, 2).resolve("Schedule.java")));
    assertFalse(Files.exists(dir.resolve("Schedule.java")));
    for (var file : exercise(3).boilerplateFiles()) {
      assertEquals(exercise(3).boilerplate(file), Files.readString(dir.resolve(file)), file);
    }
    assertTrue(
        Files.readString(dir.resolve("pom.xml"))
            .contains("<artifactId>" + exercise(3).id() + "</artifactId>"));
    assertEquals(exercise(3).id(), FolderState.read(dir).orElseThrow().exercise());
    List<String> moved = r.out().lines().filter(l -> l.contains(".done")).toList();
    assertEquals(1, moved.size(), "one line says where your files went: " + r.out());
    assertTrue(
        moved.get(0).contains("2. " + exercise(2).title())
            && moved.get(0).contains("Schedule.java"),
        r.out());
    assertFalse(r.out().contains("not overwriting"), r.out());
  }

  @Test
  void aStarterYouNeverChangedIsRemovedNotKept() throws Exception {
    Path dir = scaffolded(2);
    cli().run("select", "3");
    Cli.Result r = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertFalse(Files.exists(dir.resolve("Schedule.java")));
    assertFalse(Files.exists(dir.resolve(".done")), "nothing of yours to keep");
    assertTrue(r.out().contains("Removed, as you had not changed them: Schedule.java."), r.out());
  }

  @Test
  void aFileBothExercisesShareMovesWithTheExerciseTheFolderHeld() throws Exception {
    Path dir = scaffolded(3); // Delay.java is the learner's file in 3 and in 4
    Files.writeString(dir.resolve("Delay.java"), "// my delay, exercise 3\n");
    Files.writeString(dir.resolve("Host.java"), "// I changed the host\n");
    cli().run("select", "4");
    Cli.Result r = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertEquals("// my delay, exercise 3\n", Files.readString(kept(dir, 3).resolve("Delay.java")));
    assertEquals("// I changed the host\n", Files.readString(kept(dir, 3).resolve("Host.java")));
    assertEquals(
        exercise(4).boilerplate("Delay.java"), Files.readString(dir.resolve("Delay.java")));
    assertEquals(exercise(4).boilerplate("Host.java"), Files.readString(dir.resolve("Host.java")));
  }

  @Test
  void anEarlierKeptCopyIsNeverOverwritten() throws Exception {
    Path dir = scaffolded(2);
    Files.writeString(dir.resolve("Schedule.java"), "// first round\n");
    cli().run("select", "3");
    cli().run("scaffold", dir.toString());
    cli().run("select", "2");
    Cli.Result back = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, back.status(), back.toString());
    assertFalse(
        Files.exists(dir.resolve("Delay.java")), "exercise 3's untouched starter went away");
    assertTrue(
        back.out().contains("Your earlier files of this exercise are in " + kept(dir, 2) + "/."),
        back.out());
    Files.writeString(dir.resolve("Schedule.java"), "// second round\n");
    cli().run("select", "3");
    Cli.Result r = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertEquals("// first round\n", Files.readString(kept(dir, 2).resolve("Schedule.java")));
    Path second = dir.resolve(".done").resolve(exercise(2).folder() + "-2");
    assertEquals("// second round\n", Files.readString(second.resolve("Schedule.java")));
    assertTrue(r.out().contains(second + "/"), r.out());
  }

  @Test
  void verifyAndRunSayWhichExerciseTheFolderHoldsAndWhatToType() throws Exception {
    Path dir = scaffolded(2);
    Files.writeString(dir.resolve("Schedule.java"), exercise(2).solution("Schedule.java"));
    cli().run("select", "3");
    for (String command : List.of("verify", "run")) {
      Cli.Result r = cli().run(command, dir.toString());
      assertEquals(ExitCode.REFUSED, r.status(), r.toString());
      assertEquals("", r.out(), "no header, no compile errors: " + r);
      assertTrue(
          r.err()
              .contains(
                  dir
                      + " holds 2. "
                      + exercise(2).title()
                      + " (Schedule.java), not 3. "
                      + exercise(3).title()),
          r.err());
      assertTrue(r.err().contains("'workshop scaffold " + dir + "'"), r.err());
      assertTrue(r.err().contains("'workshop select 2'"), r.err());
      assertFalse(r.err().contains("cannot find symbol"), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }
  }

  @Test
  void aFileOfAnotherExerciseIsNamedEvenWithoutAState() throws Exception {
    Path dir = Files.createDirectories(work.resolve("handmade"));
    Files.writeString(dir.resolve("Delay.java"), exercise(3).solution("Delay.java"));
    Files.writeString(dir.resolve("Schedule.java"), exercise(2).solution("Schedule.java"));
    cli().run("select", "3");
    Cli.Result r = cli().run("verify", dir.toString());
    assertEquals(ExitCode.REFUSED, r.status(), r.toString());
    assertTrue(r.err().contains("holds 2. " + exercise(2).title() + " (Schedule.java)"), r.err());

    // scaffold puts it away, and then the folder is exercise 3's alone.
    Cli.Result s = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, s.status(), s.toString());
    assertEquals(
        exercise(2).solution("Schedule.java"),
        Files.readString(kept(dir, 2).resolve("Schedule.java")));
    assertEquals(
        exercise(3).solution("Delay.java"),
        Files.readString(dir.resolve("Delay.java")),
        "your Delay.java stays");
    assertTrue(
        s.out().contains("Delay.java  yours to write (you changed it: left as it is)"), s.out());
  }

  @Test
  void aStrayFileOfAnotherExerciseInTheCurrentOnesFolderIsNamedToo() throws Exception {
    Path dir = scaffolded(3);
    Files.writeString(dir.resolve("Facts.java"), "// copied in by hand\n");
    Cli.Result r = cli().run("verify", dir.toString());
    assertEquals(ExitCode.REFUSED, r.status(), r.toString());
    assertTrue(r.err().contains("holds 1. " + exercise(1).title() + " (Facts.java)"), r.err());
    assertEquals(ExitCode.OK, cli().run("scaffold", dir.toString()).status());
    assertEquals("// copied in by hand\n", Files.readString(kept(dir, 1).resolve("Facts.java")));
  }

  @Test
  void yourOwnExtraFilesMoveOnWithTheExerciseTheyWereCompiledWith() throws Exception {
    Path dir = scaffolded(2);
    Files.writeString(dir.resolve("Schedule.java"), "// mine\n");
    Files.writeString(dir.resolve("Notes.java"), "class Notes {}\n");
    Files.writeString(dir.resolve("notes.txt"), "what I learnt\n");
    Files.createDirectories(dir.resolve("target/classes"));
    Files.writeString(dir.resolve("target/classes/Notes.class"), "x");
    cli().run("select", "3");
    Cli.Result r = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertEquals("class Notes {}\n", Files.readString(kept(dir, 2).resolve("Notes.java")));
    assertTrue(
        r.out().contains("(Notes.java, Schedule.java)")
            || r.out().contains("(Schedule.java, Notes.java)"),
        r.out());
    assertEquals(
        "what I learnt\n",
        Files.readString(dir.resolve("notes.txt")),
        "not a .java file: left where it is");
    assertTrue(
        Files.exists(dir.resolve("target/classes/Notes.class")), "sub-folders are not touched");
  }

  @Test
  void withItsStateDeletedTheFolderStillLosesNothing() throws Exception {
    Path dir = scaffolded(2);
    Files.writeString(dir.resolve("Schedule.java"), "// mine\n");
    Files.delete(dir.resolve(FolderState.FILE));
    cli().run("select", "3");
    Cli.Result r = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertEquals(
        "// mine\n", Files.readString(kept(dir, 2).resolve("Schedule.java")), "known by its name");
    assertEquals(
        exercise(3).boilerplate("Host.java"),
        Files.readString(dir.resolve("Host.java")),
        "exercise 2's Host.java was a starter file: replaced");
    assertEquals(exercise(3).id(), FolderState.read(dir).orElseThrow().exercise());
  }

  @Test
  void aCorruptOrNewerStateCountsAsNoStateAndLosesNothing() throws Exception {
    for (String state :
        List.of(
            "garbage\u0000\n",
            "version=2\nexercise=one-loop-one-thread\n",
            "version=1\nexercise=one-loop-one-thread\nprovided=nothex Schedule.java\n")) {
      Path dir = scaffolded(2);
      Files.writeString(dir.resolve("Host.java"), "// my host\n");
      Files.writeString(dir.resolve(FolderState.FILE), state);
      assertTrue(FolderState.read(dir).isEmpty(), state);
      cli().run("select", "3");
      Cli.Result r = cli().run("scaffold", dir.toString());
      assertEquals(ExitCode.OK, r.status(), r.toString());
      // Whose Host.java it is cannot be known: it stays, as yours.
      assertEquals("// my host\n", Files.readString(dir.resolve("Host.java")), r.out());
      assertTrue(
          r.out().contains("Host.java   provided, do not change (you changed it: left as it is)"),
          r.out());
      assertTrue(Files.exists(dir.resolve("Delay.java")));
      org.apache.commons.io.FileUtils.deleteDirectory(dir.toFile());
    }
  }

  @Test
  void aNonEmptyFolderThatWasNeverScaffoldedKeepsEverythingOfYours() throws Exception {
    Path dir = Files.createDirectories(work.resolve("mine"));
    Files.writeString(dir.resolve("Delay.java"), "// started by hand\n");
    Files.writeString(dir.resolve("Notes.java"), "class Notes {}\n");
    Files.writeString(dir.resolve("README"), "mine\n");
    cli().run("select", "3");
    Cli.Result r = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertEquals("// started by hand\n", Files.readString(dir.resolve("Delay.java")));
    assertEquals(
        "class Notes {}\n",
        Files.readString(dir.resolve("Notes.java")),
        "yours, compiled with your solution");
    assertEquals("mine\n", Files.readString(dir.resolve("README")));
    assertEquals(exercise(3).boilerplate("Host.java"), Files.readString(dir.resolve("Host.java")));
    assertFalse(Files.exists(dir.resolve(".done")));
    Cli.Result verify = cli().run("verify", dir.toString());
    assertEquals(
        ExitCode.FAIL,
        verify.status(),
        "the folder holds exercise 3 now, and Delay.java is judged: " + verify);
  }
}
