package dev.workshop.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.TerminalInfo;
import dev.workshop.cli.Workshop;
import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The menu as the learner meets it: real catalogue and progress, keys typed into a test terminal. */
@Timeout(120) // a menu that misses its keys would wait for ever
class MenuCommandTest {
  private static final List<Exercise> EXERCISES = Catalogue.load().exercises();

  @TempDir Path home;
  private final StringWriter out = new StringWriter();

  private int drive(String keys) throws Exception {
    Workshop workshop =
        new Workshop(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            new ByteArrayInputStream(new byte[0]),
            Map.of("WORKSHOP_HOME", home.toString(), "WORKSHOP_PAGER", "cat"),
            new TerminalInfo(true, true, 80, 24, false),
            "workshop");
    PipedInputStream in = new PipedInputStream();
    PipedOutputStream typist = new PipedOutputStream(in);
    try (ExternalTerminal terminal =
        new ExternalTerminal(
            "test", "xterm-256color", in, new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
      terminal.setSize(new Size(80, 24));
      // The keys are typed before the menu puts the terminal in raw mode: without this, the test
      // terminal could turn Ctrl-C into a signal first, as a real terminal in cooked mode would.
      Attributes raw = terminal.getAttributes();
      raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
      terminal.setAttributes(raw);
      typist.write(keys.getBytes(StandardCharsets.UTF_8));
      typist.flush();
      return new MenuCommand().open(workshop, terminal, () -> out.write("HELP PRINTED"));
    }
  }

  private String current() throws Exception {
    Path file = home.resolve("progress.properties");
    return Files.exists(file)
        ? Files.readString(file)
            .lines()
            .filter(l -> l.startsWith("current="))
            .findFirst()
            .orElse("")
        : "";
  }

  @Test
  void enterOnAFreshStartSelectsAndPrintsTheFirstExercise() throws Exception {
    assertEquals(ExitCode.OK, drive("\r"));
    assertEquals("current=" + EXERCISES.get(0).id(), current());
    assertTrue(out.toString().contains("Exercise 1 of " + EXERCISES.size()), out.toString());
  }

  @Test
  void theHighlightStartsOnTheNextUnfinishedExerciseWhenTheCurrentOneIsDone() throws Exception {
    Files.writeString(
        home.resolve("progress.properties"),
        "current="
            + EXERCISES.get(0).id()
            + "\ncompleted="
            + EXERCISES.get(0).id()
            + ","
            + EXERCISES.get(1).id()
            + "\n");
    assertEquals(ExitCode.OK, drive("\r"));
    assertEquals("current=" + EXERCISES.get(2).id(), current(), "1 and 2 are done: Enter takes 3");
  }

  @Test
  void theHighlightStartsOnTheCurrentExerciseWhenItIsNotDone() throws Exception {
    Files.writeString(
        home.resolve("progress.properties"),
        "current=" + EXERCISES.get(1).id() + "\ncompleted=" + EXERCISES.get(0).id() + "\n");
    assertEquals(ExitCode.OK, drive("j\r"));
    assertEquals("current=" + EXERCISES.get(2).id(), current(), "from 2, one down is 3");
  }

  @Test
  void theHelpRowPrintsTheHelpAndExitLeaves() throws Exception {
    assertEquals(ExitCode.OK, drive("G\u001b[A\r"), "End, then up: HELP");
    assertTrue(out.toString().contains("HELP PRINTED"), out.toString());
    assertEquals(ExitCode.OK, drive("G\r"));
    assertEquals("", current(), "leaving selects nothing");
  }

  @Test
  void ctrlCExitsWith130AndQWithZero() throws Exception {
    assertEquals(ExitCode.INTERRUPTED, drive("\u0003"));
    assertEquals(ExitCode.OK, drive("q"));
    assertEquals("", current());
  }
}
