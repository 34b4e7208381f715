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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner's whole journey in one folder, through the real commands: for every exercise, select
 * it, scaffold it into the same {@code myaddon}, write the reference solution. The files written
 * for each exercise must all be there at the end, in {@code .done/}.
 *
 * <p>The folder is verified (PASS) where the journey adds something to judge: the first exercise
 * (a helper class of the learner's own beside the solution), the second (the first {@code .done/}
 * in the folder) and the last (every earlier exercise's files in {@code .done/}). Every reference
 * solution's own verify is {@code ExerciseFixturesTest}'s.
 */
class OneFolderJourneyTest {
  @TempDir Path home;
  @TempDir Path work;

  @Test
  void oneFolderCarriesALearnerThroughEveryExercise() throws Exception {
    List<Exercise> exercises = Catalogue.load().exercises();
    Cli cli = new Cli(home);
    Path dir = work.resolve("myaddon");
    Exercise previous = null;
    for (Exercise exercise : exercises) {
      String n = String.valueOf(exercise.number());
      assertEquals(ExitCode.OK, cli.run("select", n).status());
      if (previous != null) {
        // Not scaffolded yet: verify says what the folder holds instead of compiling it.
        Cli.Result early = cli.run("verify", dir.toString());
        assertEquals(ExitCode.REFUSED, early.status(), early.toString());
        assertTrue(
            early.err().contains("holds " + previous.number() + ". " + previous.title()),
            early.err());
      }
      Cli.Result scaffold = cli.run("scaffold", dir.toString());
      assertEquals(ExitCode.OK, scaffold.status(), scaffold.toString());
      if (previous != null) {
        Path done = dir.resolve(".done").resolve(previous.folder());
        assertTrue(
            scaffold.out().contains(done + "/"), "says where your files went: " + scaffold.out());
        for (String file : previous.learnerFiles()) {
          assertEquals(
              previous.solution(file),
              Files.readString(done.resolve(file)),
              previous.folder() + "/" + file);
        }
      }
      for (String file : exercise.boilerplateFiles()) {
        assertEquals(
            exercise.boilerplate(file),
            Files.readString(dir.resolve(file)),
            exercise.folder() + ": " + file);
      }
      for (String file : exercise.learnerFiles())
        Files.writeString(dir.resolve(file), exercise.solution(file));
      if (exercise.number() == 1) {
        // A helper class of the learner's own is compiled with the solution, and moves on with it.
        Files.writeString(
            dir.resolve("Notes.java"),
            "final class Notes {\n  static final String LEARNT = \"threads\";\n}\n");
      }
      if (exercise == exercises.get(0)
          || exercise == exercises.get(1)
          || exercise == exercises.get(exercises.size() - 1)) {
        Cli.Result verify = cli.run("verify", dir.toString());
        assertEquals(ExitCode.OK, verify.status(), verify::toString);
        assertTrue(verify.out().contains("PASS"), verify::toString);
      }
      previous = exercise;
    }
    for (Exercise exercise : exercises.subList(0, exercises.size() - 1)) {
      for (String file : exercise.learnerFiles()) {
        assertEquals(
            exercise.solution(file),
            Files.readString(dir.resolve(".done").resolve(exercise.folder()).resolve(file)));
      }
    }
    assertTrue(
        Files.exists(
            dir.resolve(".done").resolve(exercises.get(0).folder()).resolve("Notes.java")));
    assertFalse(Files.exists(dir.resolve("Notes.java")));
    Exercise last = exercises.get(exercises.size() - 1);
    for (String file : last.learnerFiles())
      assertEquals(last.solution(file), Files.readString(dir.resolve(file)));
    try (var names = Files.list(dir.resolve(".done"))) {
      assertEquals(
          exercises.size() - 1, names.count(), "one kept folder per exercise done, no -2 copies");
    }
  }
}
