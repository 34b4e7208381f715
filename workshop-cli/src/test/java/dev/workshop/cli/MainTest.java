package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path home;

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    Cli.Result result = new Cli(home).run("lst");
    assertEquals(ExitCode.USAGE, result.status(), result.toString());
    assertTrue(result.err().contains("error: Unmatched argument"), result.toString());
    assertTrue(result.err().contains("list"), "suggests the close command: " + result);
    assertEquals(1, result.err().lines().filter(l -> l.startsWith("error:")).count(), result.toString());
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result result = new Cli(home).run("list", "--frobnicate");
    assertEquals(ExitCode.USAGE, result.status(), result.toString());
    assertTrue(result.err().contains("--frobnicate"), result.toString());
    assertTrue(result.err().contains("workshop list --help"), result.toString());
  }

  @Test
  void theSubcommandTableMatchesEachCommandsOwnName() {
    WorkshopCommand.SUBCOMMANDS.forEach((name, type) ->
        assertEquals(name, type.getAnnotation(picocli.CommandLine.Command.class).name(), type.getName()));
  }

  @Test
  void versionNamesTheWorkshopAndTheJava() {
    Cli.Result result = new Cli(home).run("--version");
    assertEquals(ExitCode.OK, result.status());
    assertTrue(result.out().startsWith("workshop "), result.out());
    assertTrue(result.out().contains("Java " + System.getProperty("java.version")), result.out());
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Cli.Result result = new Cli(home).run("help");
    assertEquals(ExitCode.OK, result.status());
    for (String command : new String[] {"menu", "list", "current", "select", "next", "print", "more", "hint",
        "scaffold", "run", "verify", "solution", "reset", "completion", "help"}) {
      assertTrue(result.out().contains("  " + command + " ") || result.out().contains("  " + command + "\n"), command + " in\n" + result.out());
    }
    assertTrue(result.out().contains("Exit codes"), result.out());
  }

  @Test
  void noColorOptionAndNoColorVariableRemoveEveryEscape() {
    TerminalInfo colourTerminal = new TerminalInfo(true, false, 80, 24, true);
    Cli.Result coloured = new Cli(home).terminal(colourTerminal).run("help");
    assertTrue(coloured.out().contains("\u001b["), "colour is on in a colour terminal");
    Cli.Result plain = new Cli(home).terminal(colourTerminal).run("help", "--no-color");
    assertFalse(plain.out().contains("\u001b["), plain.out());
    Cli.Result plainAfterCommand = new Cli(home).terminal(colourTerminal).run("list", "--no-color");
    assertEquals(ExitCode.OK, plainAfterCommand.status(), plainAfterCommand.toString());
    assertFalse(plainAfterCommand.out().contains("\u001b["), plainAfterCommand.out());
  }

  @Test
  void noColorEnvironmentIsHonouredByDetection() {
    assertFalse(TerminalInfo.detect(java.util.Map.of("NO_COLOR", "1")).color());
  }

  @Test
  void anUnwritableProgressFolderIsOneClearError() throws Exception {
    Path file = Files.writeString(home.resolve("a-file"), "not a folder");
    Cli.Result result = new Cli(file.resolve("workshop")).run("select", "1");
    assertEquals(ExitCode.ERROR, result.status(), result.toString());
    assertTrue(result.err().startsWith("error: cannot save your progress in"), result.toString());
    assertTrue(result.err().contains("WORKSHOP_HOME"), result.toString());
    assertFalse(result.err().contains("\tat "), "no stack trace without --verbose: " + result);
  }

  @Test
  void verboseShowsTheStackTrace() throws Exception {
    Path file = Files.writeString(home.resolve("a-file"), "not a folder");
    Cli.Result result = new Cli(file.resolve("workshop")).run("select", "1", "--verbose");
    assertEquals(ExitCode.ERROR, result.status(), result.toString());
    assertTrue(result.err().contains("\tat "), result.toString());
  }

  @Test
  void completionPrintsABashScriptForEveryCommand() {
    Cli.Result result = new Cli(home).run("completion");
    assertEquals(ExitCode.OK, result.status());
    assertTrue(result.out().contains("complete -F"), result.out().lines().limit(5).toList().toString());
    assertTrue(result.out().contains("scaffold"), "knows the subcommands");
  }

  @Test
  void aNarrowTerminalStillPrintsTheLessonWithinItsWidth() {
    TerminalInfo narrow = new TerminalInfo(false, false, 20, 24, false);
    Cli.Result result = new Cli(home).terminal(narrow).run("print", "1");
    assertEquals(ExitCode.OK, result.status(), result.toString());
    assertTrue(result.out().lines().count() > 10, result.out());
  }
}
