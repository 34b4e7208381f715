package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path home;

  /** Every usage error: exit 2 and exactly one line on stderr, which starts with "error:". */
  private static Cli.Result oneLineUsageError(Cli.Result result) {
    assertEquals(ExitCode.USAGE, result.status(), result.toString());
    assertEquals(1, result.err().lines().count(), "one line: " + result);
    assertTrue(result.err().startsWith("error: "), result.toString());
    assertEquals("", result.out(), result.toString());
    return result;
  }

  @Test
  void unknownCommandIsOneLineWithTheCloseCommand() {
    Cli.Result result = oneLineUsageError(new Cli(home).run("lst"));
    assertTrue(
        result.err().contains("'lst' is not a workshop command; did you mean 'workshop list'?"),
        result.toString());
    assertTrue(result.err().contains("workshop help"), "says where the commands are: " + result);
    assertTrue(oneLineUsageError(new Cli(home).run("hlep")).err().contains("'workshop help'"));
  }

  @Test
  void anUnknownCommandIsAUsageErrorEvenWithHelpAfterIt() {
    for (String[] args :
        new String[][] {{"nosuch", "--help"}, {"nosuch", "-h"}, {"--help", "nosuch"}, {"nosuch"}}) {
      Cli.Result result = oneLineUsageError(new Cli(home).run(args));
      assertEquals(
          "error: 'nosuch' is not a workshop command. Run 'workshop help' to see them all.\n",
          result.err(),
          String.join(" ", args));
    }
  }

  @Test
  void aSuggestionEndsInItsQuestionMarkAlone() {
    assertEquals(
        "error: 'prnt' is not a workshop command; did you mean 'workshop print'? Run 'workshop help' to see them all.\n",
        oneLineUsageError(new Cli(home).run("prnt")).err());
    assertEquals(
        "error: 'prnt' is not a workshop command; did you mean 'workshop print'? Run 'workshop help' to see them all.\n",
        oneLineUsageError(new Cli(home).run("prnt", "--help")).err());
    assertEquals(
        "error: unknown option '--no-pagr' for 'workshop print'; did you mean --no-pager? Run 'workshop print --help'"
            + " to see what it takes.\n",
        oneLineUsageError(new Cli(home).run("print", "--no-pagr")).err());
    assertEquals(
        "error: unknown option '--frobnicate' for 'workshop list'. Run 'workshop list --help' to see what it takes.\n",
        oneLineUsageError(new Cli(home).run("list", "--frobnicate")).err());
  }

  @Test
  void onATerminalLongLinesBreakBetweenWords() {
    TerminalInfo sixty = new TerminalInfo(true, false, 60, 24, false);
    Cli.Result result = new Cli(home).terminal(sixty).run("prnt");
    assertEquals(ExitCode.USAGE, result.status(), result.toString());
    assertEquals(
        "error: 'prnt' is not a workshop command; did you mean\n'workshop print'? Run 'workshop help' to see them all.\n",
        result.err());
    Cli.Result script = new Cli(home).terminal(sixty).run("completion");
    assertTrue(
        script.out().lines().anyMatch(line -> line.length() > 60 && line.startsWith("#")),
        "a script's lines stay whole, even on a terminal: " + script.out());
  }

  @Test
  void aWordLikeNoCommandGetsNoGuess() {
    Cli.Result result = oneLineUsageError(new Cli(home).run("frobnicate"));
    assertFalse(result.err().contains("did you mean"), "no far-fetched guess: " + result);
  }

  @Test
  void unknownOptionIsOneLine() {
    Cli.Result result = oneLineUsageError(new Cli(home).run("list", "--frobnicate"));
    assertTrue(result.err().contains("unknown option '--frobnicate'"), result.toString());
    assertTrue(result.err().contains("workshop list --help"), result.toString());
  }

  @Test
  void aMistypedOptionIsNamedWithTheRightOne() {
    Cli.Result result = oneLineUsageError(new Cli(home).run("print", "--no-pagr"));
    assertTrue(result.err().contains("did you mean --no-pager?"), result.toString());
  }

  @Test
  void extraArgumentsMissingArgumentsAndUnknownHelpTopicsAreOneLineEach() {
    assertTrue(
        oneLineUsageError(new Cli(home).run("list", "extra"))
            .err()
            .contains("unexpected argument 'extra' for 'workshop list'"));
    assertTrue(
        oneLineUsageError(new Cli(home).run("select"))
            .err()
            .contains("Missing required parameter: 'EXERCISE'. Run 'workshop select --help'"));
    assertTrue(oneLineUsageError(new Cli(home).run("help", "nosuch")).err().contains("nosuch"));
    assertTrue(
        oneLineUsageError(new Cli(home).run("completion", "tcsh"))
            .err()
            .contains("bash, zsh, fish"));
  }

  @Test
  void onlyWorkshopItselfHasAVersionOption() {
    Cli.Result help = new Cli(home).run("print", "--help");
    assertEquals(ExitCode.OK, help.status(), help.toString());
    assertFalse(
        help.out().contains("--version"), "a subcommand's -V printed nothing: " + help.out());
    oneLineUsageError(new Cli(home).run("print", "-V"));
  }

  @Test
  void theSubcommandTableMatchesEachCommandsOwnName() {
    for (String name : WorkshopCommand.SUBCOMMANDS) {
      Object command = WorkshopCommand.create(name);
      picocli.CommandLine.Model.CommandSpec model =
          command instanceof dev.workshop.cli.commands.WorkshopSubcommand subcommand
              ? subcommand.describe(new WorkshopCommand(null))
              : null;
      String own =
          model != null
              ? model.name()
              : command.getClass().getAnnotation(picocli.CommandLine.Command.class).name();
      assertEquals(name, own, command.getClass().getName());
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (String name : WorkshopCommand.SUBCOMMANDS) {
      Cli.Result result = new Cli(home).run(name, "--help");
      assertEquals(ExitCode.OK, result.status(), name + ": " + result);
      assertTrue(result.out().contains("Usage: workshop " + name), name + ": " + result.out());
    }
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
    for (String command :
        new String[] {
          "menu",
          "list",
          "current",
          "select",
          "next",
          "print",
          "more",
          "hint",
          "scaffold",
          "run",
          "verify",
          "watch",
          "solution",
          "reset",
          "completion",
          "help"
        }) {
      assertTrue(
          result.out().contains("  " + command + " ")
              || result.out().contains("  " + command + "\n"),
          command + " in\n" + result.out());
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
  void completionForZshLoadsBashCompatibilityFirst() {
    Cli.Result result = new Cli(home).run("completion", "zsh");
    assertEquals(ExitCode.OK, result.status(), result.toString());
    List<String> lines = result.out().lines().toList();
    assertEquals("autoload -U +X compinit && compinit", lines.get(0));
    assertEquals("autoload -U +X bashcompinit && bashcompinit", lines.get(1));
    assertTrue(result.out().contains("complete -F"), "then the same script as for bash");
  }

  @Test
  void aBuildWithoutExercisesSaysSoInsteadOfCrashing() {
    WorkshopException problem =
        assertThrows(WorkshopException.class, () -> Workshop.requireExercises(List.of()));
    assertEquals(ExitCode.ERROR, problem.exitCode());
    assertTrue(problem.getMessage().contains("no exercises"), problem.getMessage());
  }

  @Test
  void completionOffersTheExercisesToSelectByNumberAndName() {
    Cli.Result bash = new Cli(home).run("completion");
    assertEquals(ExitCode.OK, bash.status(), bash.toString());
    // Every number, then every id, in menu order: "1" "2" ... "processes-and-threads" ...
    List<Exercise> all = Catalogue.load().exercises();
    List<String> words = new ArrayList<>();
    for (int i = 1; i <= all.size(); i++) words.add(String.valueOf(i));
    all.forEach(e -> words.add(e.id()));
    assertTrue(words.contains("the-heavy-route") && words.size() >= 16, words.toString());
    String numbersAndNames = "\"" + String.join("\" \"", words) + "\"";
    assertTrue(
        bash.out().contains("local EXERCISE_pos_param_args=(" + numbersAndNames + ")"), bash.out());
    assertEquals(
        ExitCode.OK,
        new Cli(home).run("select", "call-me-maybe").status(),
        "a name completion offers is accepted");
  }

  @Test
  void completionForFishCompletesCommandsOptionsAndExercises() {
    Cli.Result fish = new Cli(home).run("completion", "fish");
    assertEquals(ExitCode.OK, fish.status(), fish.toString());
    List<String> lines = fish.out().lines().toList();
    assertTrue(
        lines.contains(
            "complete -c 'workshop' -n __fish_use_subcommand -a 'select' -d 'Make an exercise the current one.'"),
        fish.out());
    assertTrue(
        lines.contains(
            "complete -c 'workshop' -n '__fish_seen_subcommand_from select' -f -a '3' -d 'CALL ME MAYBE'"),
        fish.out());
    assertTrue(
        lines.contains(
            "complete -c 'workshop' -n '__fish_seen_subcommand_from select' -f -a 'hands-off-the-loops-values'"
                + " -d '5. HANDS OFF THE LOOP\\'S VALUES'"),
        fish.out());
    assertTrue(
        lines.contains(
            "complete -c 'workshop' -n '__fish_seen_subcommand_from completion' -f -a 'fish'"),
        fish.out());
    assertTrue(
        lines.contains(
            "complete -c 'workshop' -n '__fish_seen_subcommand_from reset' -s 'y' -l 'yes'"
                + " -d 'Do not ask for confirmation (for scripts).'"),
        fish.out());
    assertTrue(
        lines.contains(
            "complete -c 'workshop' -n __fish_use_subcommand -l 'no-color' -d 'Plain text: no colour. NO_COLOR=1 does the same.'"),
        fish.out());
    // A folder is a file name: verify's DIR is left to fish's own file completion, select's
    // EXERCISE is not.
    assertFalse(
        lines.contains("complete -c 'workshop' -n '__fish_seen_subcommand_from verify' -f"),
        fish.out());
    assertTrue(
        lines.contains("complete -c 'workshop' -n '__fish_seen_subcommand_from select' -f"),
        fish.out());
    for (String command : WorkshopCommand.SUBCOMMANDS) {
      assertTrue(
          fish.out().contains("-n __fish_use_subcommand -a '" + command + "' -d '"),
          command + " offered: " + fish.out());
    }
  }

  @Test
  void completionPrintsABashScriptForEveryCommand() {
    Cli.Result result = new Cli(home).run("completion");
    assertEquals(ExitCode.OK, result.status());
    assertTrue(
        result.out().contains("complete -F"), result.out().lines().limit(5).toList().toString());
    assertTrue(result.out().contains("scaffold"), "knows the subcommands");
  }

  @Test
  void aNarrowTerminalStillPrintsTheLessonWithinItsWidth() {
    TerminalInfo narrow = new TerminalInfo(false, false, 20, 24, false);
    Cli.Result result = new Cli(home).terminal(narrow).run("print", "1");
    assertEquals(ExitCode.OK, result.status(), result.toString());
    assertTrue(result.out().lines().count() > 10, result.out());
  }

  @Test
  void theFooterFitsATwentyColumnTerminal() {
    TerminalInfo narrow = new TerminalInfo(false, false, 20, 24, false);
    Cli.Result result = new Cli(home).terminal(narrow).run("print", "2");
    assertEquals(ExitCode.OK, result.status(), result.toString());
    List<String> lines = result.out().lines().toList();
    List<String> footer = lines.subList(lines.lastIndexOf("─".repeat(20)) + 1, lines.size());
    assertTrue(footer.contains("  workshop hint"), "each command on its own line: " + footer);
    for (String line : footer) {
      // A command is never cut in two; everything else fits in 20 columns.
      assertTrue(
          line.length() <= 20 || line.strip().startsWith("workshop "),
          "too wide: '" + line + "' in " + footer);
    }
    assertTrue(footer.contains("    check your"), "descriptions are wrapped below: " + footer);
  }
}
