package dev.workshop.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.Cli;
import dev.workshop.cli.ExitCode;
import dev.workshop.cli.TerminalInfo;
import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
  private static final List<Exercise> EXERCISES = Catalogue.load().exercises();
  private static final Pattern RAW_PLACEHOLDER = Pattern.compile("\\{appname\\}");

  @TempDir Path home;
  @TempDir Path work;

  private Cli cli() {
    return new Cli(home);
  }

  private static Exercise exercise(int number) {
    return EXERCISES.get(number - 1);
  }

  @Test
  void theCatalogueHasAtLeastTwoExercisesInOrder() {
    assertTrue(EXERCISES.size() >= 2, EXERCISES.toString());
    for (int i = 0; i < EXERCISES.size(); i++) {
      assertEquals(i + 1, EXERCISES.get(i).number());
    }
  }

  @Test
  void listShowsEveryExerciseNumberedAndMarksCompletedOnes() {
    Cli.Result before = cli().run("list");
    assertEquals(ExitCode.OK, before.status(), before.toString());
    for (Exercise exercise : EXERCISES) {
      assertTrue(before.out().contains(exercise.number() + ". " + exercise.title()), before.out());
    }
    assertFalse(before.out().contains("[COMPLETED]"));
    assertTrue(before.out().contains("0 of " + EXERCISES.size() + " completed."), before.out());
  }

  @Test
  void selectByNumberByNameIgnoringCaseAndPunctuation() {
    Exercise second = exercise(2);
    Cli.Result byNumber = cli().run("select", "2");
    assertEquals(ExitCode.OK, byNumber.status(), byNumber.toString());
    assertEquals("2. " + second.title() + "\n", cli().run("current").out());

    String sloppy = second.title().toLowerCase().replace(" ", "-") + "!";
    cli().run("select", "1");
    Cli.Result byName = cli().run("select", sloppy);
    assertEquals(ExitCode.OK, byName.status(), byName.toString());
    assertEquals("2. " + second.title() + "\n", cli().run("current").out());
  }

  @Test
  void anUnknownNameListsTheClosestTitles() {
    String title = exercise(1).title();
    String typo = title.substring(0, title.length() - 1) + "x" + "zzz";
    Cli.Result result = cli().run("select", typo);
    assertEquals(ExitCode.USAGE, result.status(), result.toString());
    assertTrue(result.err().startsWith("error: no exercise is called"), result.err());
    assertTrue(result.err().contains("Closest: "), result.err());
    assertTrue(result.err().contains(title), "the nearest title is suggested: " + result.err());
  }

  @Test
  void aNumberOutOfRangeSaysWhichNumbersExist() {
    for (String number : new String[] {"99", "0", "-1", "99999999999999"}) {
      Cli.Result result = cli().run("select", number);
      assertEquals(ExitCode.USAGE, result.status(), result.toString());
      assertTrue(
          result
              .err()
              .contains(
                  "there is no exercise "
                      + number
                      + ": the exercises are numbered 1 to "
                      + EXERCISES.size()),
          result.err());
    }
  }

  @Test
  void anEmptyNameAsksForANumberOrATitle() {
    Cli.Result result = cli().run("select", " ");
    assertEquals(ExitCode.USAGE, result.status(), result.toString());
    assertTrue(result.err().startsWith("error: name an exercise by its number"), result.err());
  }

  @Test
  void aNameInSeveralTitlesListsThemAll() {
    // A letter that two titles share is part of both names, and so matches both.
    String first = Workshop_normalize(exercise(1).title());
    String second = Workshop_normalize(exercise(2).title());
    String shared =
        first
            .chars()
            .filter(c -> second.indexOf(c) >= 0)
            .mapToObj(Character::toString)
            .findFirst()
            .orElseThrow();
    Cli.Result result = cli().run("select", shared);
    assertEquals(ExitCode.USAGE, result.status(), result.toString());
    assertTrue(result.err().contains("'" + shared + "' is in more than one title"), result.err());
    assertTrue(
        result.err().contains("1. " + exercise(1).title())
            && result.err().contains("2. " + exercise(2).title()),
        result.err());
  }

  @Test
  void aMistypedWordOfALongTitleFindsThatTitleFirst() {
    // The longest title's longest word, two letters swapped: far from every whole title, nearly in
    // one.
    Exercise longest =
        EXERCISES.stream()
            .max(java.util.Comparator.comparingInt(e -> e.title().length()))
            .orElseThrow();
    String word =
        java.util.Arrays.stream(longest.title().split("[^A-Za-z]+"))
            .max(java.util.Comparator.comparingInt(String::length))
            .orElseThrow()
            .toLowerCase();
    String typo = word.substring(0, 1) + word.charAt(2) + word.charAt(1) + word.substring(3);
    Cli.Result result = cli().run("select", typo);
    assertEquals(ExitCode.USAGE, result.status(), result.toString());
    assertTrue(
        result.err().contains("Closest: " + longest.number() + ". " + longest.title()),
        typo + ": " + result.err());
  }

  private static String Workshop_normalize(String title) {
    return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  @Test
  void printingAnotherExerciseThanTheCurrentOneSaysToSelectItFirst() {
    cli().run("select", "1");
    Cli.Result other = cli().run("print", "2");
    assertTrue(other.out().contains("workshop select 2"), other.out());
    Cli.Result current = cli().run("print", "1");
    assertFalse(current.out().contains("workshop select"), current.out());
  }

  @Test
  void printShowsTheCurrentLessonWithItsFooterAndNoRawPlaceholder() {
    cli().run("select", "2");
    Cli.Result result = cli().run("print");
    assertEquals(ExitCode.OK, result.status(), result.toString());
    assertTrue(result.out().contains("Exercise 2 of " + EXERCISES.size()), result.out());
    assertFalse(RAW_PLACEHOLDER.matcher(result.out()).find(), "placeholders are replaced");
    assertTrue(result.out().contains("workshop verify myaddon"), "footer says what to type next");
    assertFalse(result.out().contains("\u001b["), "no escapes outside a terminal");
  }

  @Test
  void printAcceptsAnExerciseWithoutSelectingIt() {
    Cli.Result result = cli().run("print", "1");
    assertEquals(ExitCode.OK, result.status());
    assertTrue(result.out().contains("Exercise 1 of"), result.out());
    cli().run("select", "2");
    cli().run("print", "1");
    assertTrue(cli().run("current").out().startsWith("2. "));
  }

  @Test
  void moreShowsExtraReading() {
    Cli.Result result = cli().run("more", "1");
    assertEquals(ExitCode.OK, result.status(), result.toString());
    assertFalse(result.out().isBlank());
  }

  @Test
  void hintsAreRevealedOneAtATimeAndRemembered() {
    cli().run("select", "1");
    int total = exercise(1).hints().size();
    assertTrue(total >= 2, "every exercise has at least two hints");
    Cli.Result first = cli().run("hint");
    assertTrue(first.out().contains("Hint 1 of " + total), first.out());
    assertFalse(first.out().contains("Hint 2 of"), first.out());
    Cli.Result second = cli().run("hint");
    assertTrue(second.out().contains("Hint 2 of " + total), second.out());
    assertFalse(second.out().contains("Hint 1 of"), second.out());
    for (int i = 2; i < total + 2; i++) {
      cli().run("hint");
    }
    Cli.Result afterLast = cli().run("hint");
    assertTrue(
        afterLast.out().contains("Hint " + total + " of " + total),
        "the last hint stays: " + afterLast.out());
    assertTrue(afterLast.out().contains("That was the last hint"), afterLast.out());
  }

  @Test
  void hintAllShowsEveryHint() {
    cli().run("select", "1");
    Cli.Result all = cli().run("hint", "--all");
    for (int i = 1; i <= exercise(1).hints().size(); i++) {
      assertTrue(all.out().contains("Hint " + i + " of"), all.out());
    }
  }

  @Test
  void scaffoldWritesTheStarterFilesAndAPom() throws Exception {
    cli().run("select", "1");
    Path dir = work.resolve("myaddon");
    Cli.Result result = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, result.status(), result.toString());
    for (String file : exercise(1).boilerplateFiles()) {
      assertEquals(exercise(1).boilerplate(file), Files.readString(dir.resolve(file)));
    }
    String pom = Files.readString(dir.resolve("pom.xml"));
    assertTrue(pom.contains("<artifactId>workshop-runtime</artifactId>"), pom);
    assertFalse(
        pom.contains("${project.version}") || pom.contains("unknown"),
        "the runtime version is real: " + pom);
    Cli.Result again = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, again.status(), "unchanged files are fine: " + again);
    assertTrue(again.out().contains("(already there)"), again.out());
  }

  @Test
  void scaffoldNeverOverwritesYourChangesUnlessForced() throws Exception {
    cli().run("select", "1");
    Path dir = work.resolve("mine");
    cli().run("scaffold", dir.toString());
    String file = exercise(1).learnerFiles().get(0);
    Files.writeString(dir.resolve(file), "// my work\n");
    Files.delete(dir.resolve("Host.java"));

    Cli.Result again = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, again.status(), again.toString());
    assertTrue(
        again.out().contains(file + "  yours to write (you changed it: left as it is)"),
        again.out());
    assertTrue(again.out().contains("add --force"), again.out());
    assertEquals("// my work\n", Files.readString(dir.resolve(file)));
    assertEquals(
        exercise(1).boilerplate("Host.java"),
        Files.readString(dir.resolve("Host.java")),
        "a missing file comes back");

    Cli.Result forced = cli().run("scaffold", dir.toString(), "--force");
    assertEquals(ExitCode.OK, forced.status(), forced.toString());
    Path kept = dir.resolve(".done").resolve(exercise(1).folder()).resolve(file);
    assertEquals("// my work\n", Files.readString(kept));
    assertTrue(
        forced
            .out()
            .contains(
                "(replaced; yours is kept in .done/" + exercise(1).folder() + "/" + file + ")"),
        forced.out());
    assertEquals(exercise(1).boilerplate(file), Files.readString(dir.resolve(file)));
  }

  @Test
  void forcingAgainKeepsEveryVersionAndPilesNothingUp() throws Exception {
    cli().run("select", "1");
    Path dir = work.resolve("mine");
    cli().run("scaffold", dir.toString());
    String file = exercise(1).learnerFiles().get(0);
    Files.writeString(dir.resolve(file), "// first try\n");
    assertEquals(ExitCode.OK, cli().run("scaffold", dir.toString(), "--force").status());
    Files.writeString(dir.resolve(file), "// second try\n");
    Cli.Result again = cli().run("scaffold", dir.toString(), "--force");
    assertEquals(ExitCode.OK, again.status(), again.toString());
    Path done = dir.resolve(".done");
    assertEquals(
        "// first try\n", Files.readString(done.resolve(exercise(1).folder()).resolve(file)));
    assertEquals(
        "// second try\n",
        Files.readString(done.resolve(exercise(1).folder() + "-2").resolve(file)));
    assertTrue(
        again.out().contains("yours is kept in .done/" + exercise(1).folder() + "-2/" + file),
        again.out());
    // With nothing changed, a third --force keeps nothing more, and no .bak files appear.
    assertEquals(ExitCode.OK, cli().run("scaffold", dir.toString(), "--force").status());
    try (var files = Files.walk(dir)) {
      List<String> all =
          files
              .filter(Files::isRegularFile)
              .map(p -> dir.relativize(p).toString())
              .sorted()
              .toList();
      assertEquals(
          List.of(
                  ".done/" + exercise(1).folder() + "-2/" + file,
                  ".done/" + exercise(1).folder() + "/" + file,
                  ".workshop",
                  "Facts.java",
                  "Host.java",
                  "pom.xml")
              .stream()
              .sorted()
              .toList(),
          all);
    }
  }

  @Test
  void aChangedFileThatIsNotUtf8IsLeftAsItIs() throws Exception {
    cli().run("select", "1");
    Path dir = work.resolve("latin1");
    cli().run("scaffold", dir.toString());
    String file = exercise(1).learnerFiles().get(0);
    byte[] latin1 = {'/', '/', ' ', (byte) 0xe9, '\n'};
    Files.write(dir.resolve(file), latin1);
    Cli.Result again = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, again.status(), again.toString());
    assertTrue(again.out().contains(file + "  yours to write (you changed it"), again.out());
    assertTrue(java.util.Arrays.equals(latin1, Files.readAllBytes(dir.resolve(file))));
  }

  @Test
  void scaffoldSaysWhichFileToEditAndHowToBuildTheFolderFromAnywhere() throws Exception {
    cli().run("select", "3");
    Path dir = work.resolve("myaddon");
    Cli.Result result = cli().run("scaffold", dir.toString());
    assertEquals(ExitCode.OK, result.status(), result.toString());
    assertTrue(result.out().contains("Next: write Delay.java, then"), result.out());
    assertFalse(result.out().contains("edit them"), result.out());
    assertTrue(
        result.out().contains("installed"), "says where the runtime comes from: " + result.out());
    String build = ScaffoldCommand.buildCommand(dir);
    assertTrue(result.out().contains(build), result.out());
    // The Maven wrapper of this very workshop, by its absolute path, on the folder's absolute path.
    Path wrapper = Path.of(build.substring(0, build.indexOf(' ')));
    assertTrue(
        wrapper.isAbsolute()
            && wrapper.getFileName().toString().startsWith("mvnw")
            && Files.isRegularFile(wrapper),
        build);
    assertTrue(
        build.endsWith(" -f " + dir.toAbsolutePath().resolve("pom.xml") + " compile"), build);
    String pom = Files.readString(dir.resolve("pom.xml"));
    assertTrue(
        pom.contains("<exclude>.done/**</exclude>"),
        "kept files of earlier exercises are not compiled: " + pom);
  }

  @Test
  void scaffoldUnderAFileIsAUsageErrorThatNamesTheFile() throws Exception {
    Path file = Files.writeString(work.resolve("file.txt"), "x");
    Cli.Result result = cli().run("scaffold", file.resolve("sub").toString());
    assertEquals(ExitCode.USAGE, result.status(), result.toString());
    assertTrue(result.err().contains(file + " is a file, not a folder"), result.err());
  }

  @Test
  void scaffoldIntoAFileIsAUsageError() throws Exception {
    Path file = Files.writeString(work.resolve("file.txt"), "x");
    Cli.Result result = cli().run("scaffold", file.toString());
    assertEquals(ExitCode.USAGE, result.status());
    assertTrue(result.err().contains("is a file, not a folder"), result.err());
  }

  @Test
  void theSolutionStaysHiddenUntilCompletedOrRevealed() {
    cli().run("select", "1");
    Cli.Result hidden = cli().run("solution");
    assertEquals(ExitCode.REFUSED, hidden.status(), hidden.toString());
    assertTrue(hidden.err().contains("--reveal"), hidden.err());

    Cli.Result revealed = cli().run("solution", "--reveal");
    assertEquals(ExitCode.OK, revealed.status(), revealed.toString());
    assertTrue(revealed.err().startsWith("warning:"), revealed.err());
    String file = exercise(1).learnerFiles().get(0);
    assertTrue(revealed.out().contains(file + " (official solution)"), revealed.out());
  }

  @Test
  void theSolutionOfAnotherExerciseSuggestsWhatWorksForThatExercise() {
    cli().run("select", "1");
    Cli.Result other = cli().run("solution", "8");
    assertEquals(ExitCode.REFUSED, other.status(), other.toString());
    assertEquals(
        "error: you have not completed 8. "
            + exercise(8).title()
            + " yet, so its solution is still hidden. For a hint,"
            + " select it with 'workshop select 8', then run 'workshop hint', or add --reveal to see it anyway.\n",
        other.err());
    Cli.Result current = cli().run("solution", "1");
    assertEquals(
        "error: you have not completed 1. "
            + exercise(1).title()
            + " yet, so its solution is still hidden. Try"
            + " 'workshop hint' first, or add --reveal to see it anyway.\n",
        current.err());
  }

  @Test
  void withoutColourATerminalStillGetsTheMarkdownRendered() {
    // NO_COLOR=1, --no-color or TERM=dumb: a terminal, no colour.
    TerminalInfo noColour = new TerminalInfo(true, false, 80, 24, false);
    cli().run("select", "2");
    String lesson = cli().terminal(noColour).run("print").out();
    assertTrue(
        lesson.contains(
            exercise(2).title() + "\n" + "═".repeat(exercise(2).title().length()) + "\n"),
        lesson);
    assertTrue(lesson.contains("\nTask\n────\n"), lesson);
    assertFalse(lesson.contains("\u001b"), "no escape at all: " + lesson);
    assertFalse(lesson.contains("# "), "no heading marks: " + lesson);
    assertFalse(lesson.contains("`"), "no backquotes: " + lesson);
    assertTrue(lesson.contains("\n• "), "bullets: " + lesson);
    String hint = cli().terminal(noColour).run("hint").out();
    int total = exercise(2).hints().size();
    assertTrue(
        hint.startsWith(
            "Hint 1 of " + total + "\n" + "─".repeat(("Hint 1 of " + total).length()) + "\n"),
        hint);
    assertTrue(
        cli().run("print").out().contains("\n## Task\n"), "into a pipe, the Markdown marks stay");
  }

  @Test
  void atSixtyColumnsEveryLineOfEveryLessonMorePageAndHintBreaksBetweenWords() {
    for (boolean colour : new boolean[] {true, false}) {
      TerminalInfo sixty = new TerminalInfo(true, false, 60, 24, colour);
      for (Exercise exercise : EXERCISES) {
        cli().run("select", String.valueOf(exercise.number()));
        for (String[] command : new String[][] {{"print"}, {"more"}, {"hint", "--all"}}) {
          Cli.Result result = cli().terminal(sixty).run(command);
          assertEquals(ExitCode.OK, result.status(), result.toString());
          for (String line : result.out().split("\n")) {
            String text = line.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
            assertTrue(
                text.codePointCount(0, text.length()) <= 60 || !text.strip().contains(" "),
                () ->
                    exercise.number()
                        + " "
                        + String.join(" ", command)
                        + ": wider than 60 columns: ["
                        + text
                        + "]");
          }
        }
      }
    }
  }

  @Test
  void resetAsksInATerminalAndNeedsYesInAScript() throws Exception {
    Files.writeString(home.resolve("progress.properties"), "completed=" + exercise(1).id() + "\n");
    Cli.Result noYes = cli().run("reset", "1");
    assertEquals(ExitCode.USAGE, noYes.status());
    assertTrue(noYes.err().contains("--yes"), noYes.err());
    assertTrue(cli().run("list").out().contains("[COMPLETED]"), "nothing was reset");

    TerminalInfo terminal = new TerminalInfo(true, true, 80, 24, false);
    Cli.Result declined = cli().terminal(terminal).input("n\n").run("reset", "1");
    assertTrue(declined.out().contains("Nothing was reset."), declined.out());
    assertTrue(cli().run("list").out().contains("[COMPLETED]"));

    Cli.Result endOfInput = cli().terminal(terminal).input("").run("reset", "1");
    assertTrue(
        endOfInput.out().endsWith("[y/N] \nNothing was reset.\n"),
        "Ctrl-D ends the question's line: " + endOfInput.out());

    Cli.Result accepted = cli().terminal(terminal).input("y\n").run("reset", "1");
    assertEquals(ExitCode.OK, accepted.status(), accepted.toString());
    assertFalse(cli().run("list").out().contains("[COMPLETED]"));
  }

  @Test
  void resetAllWithYesForgetsEverything() throws Exception {
    Files.writeString(
        home.resolve("progress.properties"),
        "current="
            + exercise(2).id()
            + "\ncompleted="
            + exercise(1).id()
            + ","
            + exercise(2).id()
            + "\n");
    Cli.Result result = cli().run("reset", "--all", "--yes");
    assertEquals(ExitCode.OK, result.status(), result.toString());
    assertTrue(cli().run("list").out().contains("0 of " + EXERCISES.size() + " completed."));
  }

  @Test
  void nextSelectsAndPrintsTheNextUnfinishedExercise() throws Exception {
    Files.writeString(
        home.resolve("progress.properties"),
        "current=" + exercise(1).id() + "\ncompleted=" + exercise(1).id() + "\n");
    Cli.Result result = cli().run("next");
    assertEquals(ExitCode.OK, result.status(), result.toString());
    assertTrue(result.out().contains("Exercise 2 of"), result.out());
    assertTrue(cli().run("current").out().startsWith("2. "));
  }

  @Test
  void currentWhereNamesTheProgressFile() {
    Cli.Result result = cli().run("current", "--where");
    assertEquals(home.resolve("progress.properties") + "\n", result.out());
  }

  @Test
  void theMenuOutsideATerminalPrintsTheListAndTheSelectLine() {
    Cli.Result result = cli().run();
    assertEquals(ExitCode.OK, result.status(), result.toString());
    assertTrue(result.out().contains("1. " + exercise(1).title()), result.out());
    assertTrue(result.out().contains("workshop select N"), result.out());
  }

  @Test
  void aCorruptProgressFileGivesOneWarningAndTheCommandGoesOn() throws Exception {
    Files.writeString(
        home.resolve("progress.properties"), "completed=" + exercise(1).id() + "\n%%%% broken\n");
    Cli.Result result = cli().run("list");
    assertEquals(ExitCode.OK, result.status(), result.toString());
    assertEquals(
        1, result.err().lines().filter(l -> l.startsWith("warning:")).count(), result.err());
    assertTrue(result.out().contains("[COMPLETED]"), "what could be read is kept: " + result.out());
  }
}
