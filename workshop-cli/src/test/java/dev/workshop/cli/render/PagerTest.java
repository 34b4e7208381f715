package dev.workshop.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated // it forces workshop.portable, which every command and verify reads: it runs alone
class PagerTest {

  private static final String LONG_TEXT = "line\n".repeat(50);

  @TempDir Path temp;

  @Test
  void noPagerWhenOutputIsNotATerminal() {
    assertEquals(
        Optional.empty(), Pager.choose(Map.of("WORKSHOP_PAGER", "more"), false, false).command());
  }

  @Test
  void noPagerWithoutAPosixShellAsOnWindows() {
    System.setProperty(dev.workshop.probe.Portable.PROPERTY, "true");
    try {
      assertEquals(
          Optional.empty(), Pager.choose(Map.of("WORKSHOP_PAGER", "more"), true, false).command());
    } finally {
      System.clearProperty(dev.workshop.probe.Portable.PROPERTY);
    }
    assertEquals(
        Optional.of("more"), Pager.choose(Map.of("WORKSHOP_PAGER", "more"), true, false).command());
  }

  @Test
  void noPagerWhenAskedForNone() {
    assertEquals(
        Optional.empty(), Pager.choose(Map.of("WORKSHOP_PAGER", "more"), true, true).command());
  }

  @Test
  void noPagerWhenThePagerIsEmptyOrCat() {
    assertEquals(
        Optional.empty(),
        Pager.choose(Map.of("WORKSHOP_PAGER", "", "PAGER", "more"), true, false).command());
    assertEquals(
        Optional.empty(), Pager.choose(Map.of("WORKSHOP_PAGER", " cat "), true, false).command());
    assertEquals(Optional.empty(), Pager.choose(Map.of("PAGER", "cat"), true, false).command());
  }

  @Test
  void workshopPagerWinsOverPager() {
    Pager pager = Pager.choose(Map.of("WORKSHOP_PAGER", "most -s", "PAGER", "more"), true, false);
    assertEquals(Optional.of("most -s"), pager.command());
    assertEquals(Optional.of("more"), Pager.choose(Map.of("PAGER", "more"), true, false).command());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void lessOnThePathIsTheDefaultAndGetsGitsSettings() throws IOException {
    Path bin = Files.createDirectory(temp.resolve("bin"));
    Files.createFile(
        bin.resolve("less"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    String path = temp.resolve("empty") + ":" + bin;

    Pager pager = Pager.choose(Map.of("PATH", path), true, false);
    assertEquals(Optional.of("less -R"), pager.command());
    assertEquals(Map.of("LESS", "FRX", "LV", "-c"), pager.environment());

    Pager userSettings = Pager.choose(Map.of("PATH", path, "LESS", "-S", "LV", ""), true, false);
    assertEquals(Map.of(), userSettings.environment());
  }

  @Test
  void noPagerWithoutLessOnThePath() throws IOException {
    Path bin = Files.createDirectory(temp.resolve("bin"));
    Files.createFile(bin.resolve("less"));
    assertEquals(
        Optional.empty(), Pager.choose(Map.of("PATH", bin.toString()), true, false).command());
    assertEquals(Optional.empty(), Pager.choose(Map.of(), true, false).command());
  }

  @Test
  void textThatFitsOnTheScreenIsPrintedDirectly() throws IOException {
    Path paged = temp.resolve("paged.txt");
    StringWriter printed = new StringWriter();
    pagerWritingTo(paged).show("short\ntext\n", 24, new PrintWriter(printed));
    assertEquals("short\ntext\n", printed.toString());
    assertTrue(Files.notExists(paged));
  }

  @Test
  void withoutAPagerTextIsPrintedDirectly() {
    StringWriter printed = new StringWriter();
    Pager.choose(Map.of(), false, false).show(LONG_TEXT, 10, new PrintWriter(printed));
    assertEquals(LONG_TEXT, printed.toString());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void longTextGoesThroughThePager() throws IOException {
    Path paged = temp.resolve("paged.txt");
    StringWriter printed = new StringWriter();
    String text = LONG_TEXT + "the end\n";
    pagerWritingTo(paged).show(text, 24, new PrintWriter(printed));
    assertEquals("", printed.toString());
    assertEquals(text, Files.readString(paged));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void quittingThePagerEarlyIsNotAnError() throws IOException {
    Path paged = temp.resolve("paged.txt");
    Pager pager =
        Pager.choose(Map.of("WORKSHOP_PAGER", "head -n 1 > '" + paged + "'"), true, false);
    pager.show("line\n".repeat(200_000), 24, new PrintWriter(new StringWriter()));
    assertEquals("line\n", Files.readString(paged));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void thePagerGetsItsEnvironment() throws IOException {
    Path paged = temp.resolve("paged.txt");
    Pager pager =
        Pager.choose(Map.of("WORKSHOP_PAGER", "echo \"$LESS $LV\" > '" + paged + "'"), true, false);
    pager.show(LONG_TEXT, 24, new PrintWriter(new StringWriter()));
    assertEquals("FRX -c\n", Files.readString(paged));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void anInterruptedWaitLeavesNoPagerRunning() {
    String sleeper = "sleep 59." + ProcessHandle.current().pid();
    Pager pager = Pager.choose(Map.of("WORKSHOP_PAGER", sleeper + "; " + sleeper), true, false);
    Thread.currentThread().interrupt();
    long started = System.nanoTime();

    pager.show(LONG_TEXT, 24, new PrintWriter(new StringWriter()));

    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    assertTrue(
        Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "show returned soon");
    ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().orElse("").contains(sleeper))
        .forEach(process -> assertFalse(process.isAlive(), "still running: " + process.info()));
  }

  @Test
  void aPagerThatIsNotInstalledNeverSwallowsTheText() throws IOException {
    Path bin = Files.createDirectory(temp.resolve("bin"));
    StringWriter printed = new StringWriter();
    java.util.List<String> warnings = new java.util.ArrayList<>();
    Pager.choose(Map.of("WORKSHOP_PAGER", "nosuchpager -x", "PATH", bin.toString()), true, false)
        .show(LONG_TEXT, 24, new PrintWriter(printed), warnings::add);
    assertEquals(LONG_TEXT, printed.toString(), "the text is printed without the pager");
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).contains("'nosuchpager' was not found")
            && warnings.get(0).contains("WORKSHOP_PAGER"),
        warnings.get(0));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aPagerCommandTheShellCannotRunFallsBackToPrinting() {
    StringWriter printed = new StringWriter();
    java.util.List<String> warnings = new java.util.ArrayList<>();
    // Shell syntax first, so only the shell can tell that the program is missing (exit 127).
    Pager.choose(
            Map.of(
                "WORKSHOP_PAGER",
                "X=1 nosuchpager-" + ProcessHandle.current().pid() + " 2>/dev/null"),
            true,
            false)
        .show(LONG_TEXT, 24, new PrintWriter(printed), warnings::add);
    assertEquals(LONG_TEXT, printed.toString());
    assertEquals(1, warnings.size(), warnings.toString());
  }

  @Test
  void theProgramOfAPagerCommandIsItsFirstPlainWord() {
    assertEquals("less", Pager.program("less -R"));
    assertEquals("most", Pager.program("  LESSCHARSET=utf-8 most -s"));
    assertEquals("/usr/bin/less", Pager.program("/usr/bin/less"));
    assertEquals(null, Pager.program("$HOME/bin/pager"), "shell syntax: the shell decides");
    assertEquals(null, Pager.program("exec less"));
  }

  private static Pager pagerWritingTo(Path file) {
    return Pager.choose(Map.of("WORKSHOP_PAGER", "cat > '" + file + "'"), true, false);
  }
}
