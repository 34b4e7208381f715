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

  /** The screen lines of a menu of {@code n} rows on a terminal of the given size. */
  private static List<String> linesOn(int columns, int height, int n, int selected)
      throws Exception {
    List<Menu.Row> rows = new java.util.ArrayList<>();
    for (int i = 1; i <= n; i++) rows.add(new Menu.Row(" " + i + ". EXERCISE NUMBER " + i, ""));
    try (ExternalTerminal terminal =
        new ExternalTerminal(
            "test",
            "xterm-256color",
            new PipedInputStream(),
            new ByteArrayOutputStream(),
            StandardCharsets.UTF_8)) {
      terminal.setSize(new Size(columns, height));
      return new Menu(terminal, "THREADS, LOOPS AND POOLS: A WORKSHOP IN JAVA", rows, false)
          .lines(selected).stream().map(Object::toString).toList();
    }
  }

  @Test
  void aSmallTerminalScrollsTheRowsAndKeepsTheChoiceInView() throws Exception {
    for (int selected : new int[] {0, 5, 11}) {
      List<String> lines = linesOn(40, 8, 12, selected);
      assertTrue(lines.size() <= 7, "fits in 8 lines, the last one left free: " + lines);
      for (String line : lines) assertTrue(line.length() <= 39, "fits in 40 columns: " + line);
      assertTrue(
          lines.stream()
              .anyMatch(l -> l.startsWith("»") && l.contains(" " + (selected + 1) + ". EXERCISE")),
          "the choice is in view: " + lines);
      assertTrue(lines.get(lines.size() - 1).startsWith((selected + 1) + "/12"), lines.toString());
      assertTrue(lines.get(0).endsWith("…"), "the title is cut, not wrapped: " + lines.get(0));
    }
  }

  @Test
  void aTallEnoughTerminalShowsEveryRow() throws Exception {
    List<String> lines = linesOn(80, 24, 12, 3);
    assertEquals(12 + 4, lines.size(), lines.toString());
    assertTrue(lines.get(lines.size() - 1).startsWith("↑/↓ or j/k"), lines.toString());
  }

  @Test
  void aResizeRedrawsForTheNewSize() throws Exception {
    PipedInputStream in = new PipedInputStream();
    PipedOutputStream typist = new PipedOutputStream(in);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (ExternalTerminal terminal =
        new ExternalTerminal("test", "xterm-256color", in, screen, StandardCharsets.UTF_8)) {
      terminal.setSize(new Size(80, 24));
      Attributes raw = terminal.getAttributes();
      raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
      terminal.setAttributes(raw);
      java.util.concurrent.CompletableFuture<Integer> choice =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> new Menu(terminal, "TEST WORKSHOP", ROWS, false).choose(0));
      // Once the first screen is drawn, shrink the terminal as a window manager would.
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!screen.toString(StandardCharsets.UTF_8).contains("q to quit")) {
        assertTrue(System.nanoTime() < deadline, "the menu was drawn");
        Thread.onSpinWait();
      }
      terminal.setSize(new Size(40, 5));
      terminal.raise(org.jline.terminal.Terminal.Signal.WINCH);
      assertTrue(
          screen.toString(StandardCharsets.UTF_8).contains("1/4 · ↑/↓ j/k · Enter · q quits"),
          () -> "redrawn for 40 x 5: " + screen.toString(StandardCharsets.UTF_8));
      typist.write('q');
      typist.flush();
      assertEquals(Menu.QUIT, choice.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }
  }
}
