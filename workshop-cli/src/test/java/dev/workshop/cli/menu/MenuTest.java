package dev.workshop.cli.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a menu that misses its keys would wait for ever
class MenuTest {
  private static final List<Menu.Row> ROWS =
      List.of(
          new Menu.Row(" 1. FIRST", "[COMPLETED]"),
          new Menu.Row(" 2. SECOND", ""),
          new Menu.Row("HELP", ""),
          new Menu.Row("EXIT", ""));

  /** Types {@code keys} into a menu that starts on row {@code start}; returns the choice and the screen. */
  static Outcome drive(String keys, int start) throws Exception {
    PipedInputStream in = new PipedInputStream();
    PipedOutputStream typist = new PipedOutputStream(in);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (ExternalTerminal terminal =
        new ExternalTerminal("test", "xterm-256color", in, screen, StandardCharsets.UTF_8)) {
      terminal.setSize(new Size(60, 20));
      // The keys are typed before the menu puts the terminal in raw mode: without this, the test
      // terminal could turn Ctrl-C into a signal first, as a real terminal in cooked mode would.
      Attributes raw = terminal.getAttributes();
      raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
      terminal.setAttributes(raw);
      typist.write(keys.getBytes(StandardCharsets.UTF_8));
      typist.flush();
      int choice = new Menu(terminal, "TEST WORKSHOP", ROWS, true).choose(start);
      return new Outcome(choice, screen.toString(StandardCharsets.UTF_8));
    }
  }

  record Outcome(int choice, String screen) {}

  @Test
  void enterChoosesTheHighlightedRow() throws Exception {
    assertEquals(1, drive("\r", 1).choice());
  }

  @Test
  void arrowsAndVimKeysMoveAndWrapAround() throws Exception {
    assertEquals(1, drive("\u001b[B\r", 0).choice(), "down arrow");
    assertEquals(0, drive("\u001b[A\r", 1).choice(), "up arrow");
    assertEquals(2, drive("jj\r", 0).choice(), "j j");
    assertEquals(1, drive("jjk\r", 0).choice(), "j j k");
    assertEquals(3, drive("k\r", 0).choice(), "up from the top wraps to the bottom");
  }

  @Test
  void qEscAndCtrlDLeaveWithoutChoosing() throws Exception {
    assertEquals(Menu.QUIT, drive("q", 0).choice());
    assertEquals(Menu.QUIT, drive("\u0004", 0).choice());
    assertEquals(Menu.QUIT, drive("\u001b", 0).choice());
  }

  @Test
  void ctrlCLeavesAsAnInterruption() throws Exception {
    assertEquals(Menu.INTERRUPTED, drive("\u0003", 0).choice());
  }

  @Test
  void completedMarksLineUpInOneColumn() throws Exception {
    List<Menu.Row> rows =
        List.of(
            new Menu.Row(" 1. SHORT", "[COMPLETED]"),
            new Menu.Row(" 2. A MUCH LONGER TITLE", "[COMPLETED]"),
            new Menu.Row(" 3. MIDDLE ONE", ""));
    PipedInputStream in = new PipedInputStream();
    try (ExternalTerminal terminal =
        new ExternalTerminal(
            "test", "xterm-256color", in, new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
      terminal.setSize(new Size(60, 20));
      List<String> lines =
          new Menu(terminal, "T", rows, false).lines(0).stream().map(Object::toString).toList();
      int first = lines.get(2).indexOf("[COMPLETED]");
      assertTrue(first > 0, lines.toString());
      assertEquals(first, lines.get(3).indexOf("[COMPLETED]"), lines.toString());
    }
  }

  @Test
  void theScreenShowsTheTitleEveryRowAndTheCompletedMark() throws Exception {
    String screen = drive("\r", 0).screen();
    assertTrue(screen.contains("TEST WORKSHOP"), screen);
    assertTrue(screen.contains("FIRST"), screen);
    assertTrue(screen.contains("[COMPLETED]"), screen);
    assertTrue(screen.contains("EXIT"), screen);
    assertTrue(screen.contains("q to quit"), screen);
  }
}
