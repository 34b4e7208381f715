package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.Portable;
import java.util.Map;
import org.jline.jansi.AnsiConsole;
import org.jline.jansi.AnsiMode;
import org.jline.terminal.spi.TerminalProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The console path Windows takes ({@code workshop.cmd}: Java measures the console through Jansi),
 * forced on Linux with {@code -Dworkshop.portable=true}. Under the test runner output is a pipe,
 * which is what this can check: no escape codes reach it, and the sizes come from the fallbacks.
 */
@Isolated // it forces workshop.portable, which every command and verify reads: it runs alone
class ConsoleSetupTest {
  @AfterEach
  void unforce() {
    ConsoleSetup.tearDown();
    System.clearProperty(Portable.PROPERTY);
  }

  @Test
  void withoutTheLaunchersPropertiesNothingIsInstalled() {
    java.io.PrintStream out = System.out;
    assertFalse(ConsoleSetup.measuredHere());
    TerminalInfo t = ConsoleSetup.terminal(Map.of("COLUMNS", "100"));
    assertEquals(100, t.columns());
    assertSame(out, System.out);
  }

  @Test
  void forcedJansiTakesOverTheOutputAndStripsEscapesFromAPipe() {
    System.setProperty(Portable.PROPERTY, "true");
    assertTrue(ConsoleSetup.measuredHere());
    TerminalInfo t = ConsoleSetup.terminal(Map.of("COLUMNS", "100", "LINES", "30"));
    assertTrue(AnsiConsole.isInstalled());
    assertSame(AnsiConsole.out(), System.out);
    assertFalse(t.stdoutIsTerminal());
    assertFalse(t.color());
    assertFalse(t.rewritesLines());
    assertEquals(AnsiMode.Strip, AnsiConsole.out().getMode());
    assertEquals(100, t.columns());
    assertEquals(30, t.rows());
  }

  @Test
  void theJniTerminalProviderLoadsForTheMenuWhereForced() throws Exception {
    System.setProperty(Portable.PROPERTY, "true");
    TerminalProvider jni = TerminalProvider.load("jni");
    assertNotNull(jni);
    assertEquals("jni", jni.name());
    // Its native library answers: the test runner's output is a pipe, not a console.
    assertFalse(jni.isSystemStream(org.jline.terminal.spi.SystemStream.Output));
    assertNotNull(ConsoleSetup.systemTerminal());
  }
}
