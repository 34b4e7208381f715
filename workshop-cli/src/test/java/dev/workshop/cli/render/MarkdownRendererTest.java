package dev.workshop.cli.render;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.Style;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownRendererTest {

  private static final String ESC = "\u001B";
  private static final Map<String, String> PLACEHOLDERS =
      Map.of("appname", "learnjava", "lesson", "HELLO_WORLD");

  private static String plain(String markdown) {
    return plain(80, markdown);
  }

  private static String plain(int width, String markdown) {
    return new MarkdownRenderer(false, width, PLACEHOLDERS).render(markdown);
  }

  private static String colored(String markdown) {
    return new MarkdownRenderer(true, 80, PLACEHOLDERS).render(markdown);
  }

  @Test
  void headingsKeepTheirMarkersInPlainMode() {
    assertEquals("# Title\n\n## Part\n\n### Step\n", plain("Title\n=====\n\n## Part\n\n### Step"));
  }

  @Test
  void emphasisAndStrongAreJustTextInPlainMode() {
    assertEquals(
        "Some emphasised and strong words.\n", plain("Some *emphasised* and __strong__ words."));
  }

  @Test
  void inlineCodeKeepsItsBackticksInPlainMode() {
    assertEquals("Run `mvn test` now.\n", plain("Run `mvn test` now."));
  }

  @Test
  void blocksAreSeparatedByOneBlankLineAndTheOutputEndsWithOneNewline() {
    assertEquals("One.\n\nTwo.\n", plain("\n\nOne.\n\n\n\nTwo.\n\n\n"));
    assertEquals("", plain(""));
  }

  @Test
  void softBreaksReflowAndHardBreaksStay() {
    assertEquals("one two three\nfour\n", plain("one\ntwo\nthree\\\nfour"));
  }

  @Test
  void tightListsNestUnderTheTextOfTheirItem() {
    String markdown =
        """
                - apples
                - pears
                  1. green
                  2. red
                - plums
                """;
    assertEquals("- apples\n- pears\n  1. green\n  2. red\n- plums\n", plain(markdown));
  }

  @Test
  void looseListsKeepABlankLineBetweenItems() {
    assertEquals("1. one\n\n2. two\n", plain("1. one\n\n2. two"));
  }

  @Test
  void orderedListsKeepTheirStartAndAlignTheirNumbers() {
    StringBuilder markdown = new StringBuilder();
    for (int number = 8; number <= 10; number++) {
      markdown.append(number).append(") item\n");
    }
    assertEquals(" 8) item\n 9) item\n10) item\n", plain(markdown.toString()));
  }

  @Test
  void wrappedListItemsAlignUnderTheirText() {
    assertEquals(
        "- one two three four\n  five six seven\n",
        plain(20, "- one two three four five six seven"));
  }

  @Test
  void blockQuotesArePrefixedOnEveryLine() {
    assertEquals("> quoted\n>\n> - item\n", plain("> quoted\n>\n> - item"));
  }

  @Test
  void thematicBreakSpansTheWidth() {
    assertEquals("above\n\n" + "-".repeat(30) + "\n\nbelow\n", plain(30, "above\n\n***\n\nbelow"));
  }

  @Test
  void linksShowTheirAddressOnceOnly() {
    assertEquals(
        "See the docs (https://example.com/docs) or https://example.com.\n",
        plain("See [the docs](https://example.com/docs) or <https://example.com>."));
    assertEquals("Mail me@example.com.\n", plain("Mail <me@example.com>."));
  }

  @Test
  void imagesShowTheirAltText() {
    assertEquals("[image: a diagram] [image]\n", plain("![a diagram](d.png) ![](e.png)"));
  }

  @Test
  void htmlIsShownAsText() {
    assertEquals(
        "<div>\nhi\n</div>\n\nText with <b>tags</b>.\n",
        plain("<div>\nhi\n</div>\n\nText with <b>tags</b>."));
  }

  @Test
  void codeBlocksAreIndentedAndNotWrapped() {
    String longLine = "System.out.println(\"a line much longer than the twenty columns\");";
    String markdown = "```java\nclass A {\n\n    " + longLine + "\n}\n```\n\n    indented code";
    assertEquals(
        "    class A {\n\n        " + longLine + "\n    }\n\n    indented code\n",
        plain(20, markdown));
  }

  @Test
  void tablesAlignTheirColumnsUnderAHeaderSeparator() {
    String markdown =
        """
                | Command | Does | n |
                |---|:---:|---:|
                | `print` | shows | 1 |
                | verify | checks it | 22 |
                """;
    String expected =
        """
                Command    Does      n
                -------  ---------  --
                `print`    shows     1
                verify   checks it  22
                """;
    assertEquals(expected, plain(markdown));
  }

  @Test
  void tablesTooWideForTheTerminalShowOneCellPerLine() {
    String markdown =
        """
                | Name | Description |
                |---|---|
                | alpha | the first letter of the alphabet |
                | beta | second |
                """;
    String expected =
        """
                Name: alpha
                Description: the first
                letter of the alphabet

                Name: beta
                Description: second
                """;
    assertEquals(expected, plain(25, markdown));
  }

  @Test
  void placeholdersAreReplacedInTextCodeSpansCodeBlocksAndLinks() {
    String markdown =
        """
                # Welcome to {appname}

                Run `{appname} verify` for {lesson}, or \\{appname\\}.

                ```sh
                {appname} print
                ```

                [Help]({appname}.html)
                """;
    String rendered = plain(markdown);
    assertAll(
        () -> assertFalse(rendered.contains("{appname}"), rendered),
        () -> assertFalse(rendered.contains("{lesson}"), rendered),
        () -> assertTrue(rendered.startsWith("# Welcome to learnjava\n"), rendered),
        () ->
            assertTrue(
                rendered.contains("Run `learnjava verify` for HELLO_WORLD, or learnjava."),
                rendered),
        () -> assertTrue(rendered.contains("\n    learnjava print\n"), rendered),
        () -> assertTrue(rendered.contains("Help (learnjava.html)"), rendered));
  }

  @Test
  void bracesThatAreNotKnownPlaceholdersAreLeftAlone() {
    String markdown = "```java\nclass {appname} { void run() {} String s = \"{unknown}\"; }\n```";
    assertEquals(
        "    class learnjava { void run() {} String s = \"{unknown}\"; }\n", plain(markdown));
  }

  @Test
  void placeholderValuesAreInsertedLiterally() {
    MarkdownRenderer renderer = new MarkdownRenderer(false, 80, Map.of("appname", "$1 {lesson}"));
    assertEquals("Use $1 {lesson}.\n", renderer.render("Use {appname}."));
  }

  @Test
  void plainModeHasNoEscapes() {
    String rendered = plain(sampleLesson());
    assertFalse(rendered.contains(ESC), rendered);
  }

  @Test
  void colourModeStylesEachKindOfText() {
    String rendered = colored(sampleLesson());
    assertAll(
        () -> assertTrue(rendered.contains(ESC + "[1;4;35mThe lesson" + ESC + "[0m"), "h1"),
        () -> assertTrue(rendered.contains(ESC + "[1;36mA part" + ESC + "[0m"), "h2"),
        () -> assertTrue(rendered.contains(ESC + "[1mA step" + ESC + "[0m"), "h3"),
        () -> assertTrue(rendered.contains(ESC + "[3mitalic" + ESC + "[0m"), "emphasis"),
        () -> assertTrue(rendered.contains(ESC + "[1mbold" + ESC + "[0m"), "strong"),
        () ->
            assertTrue(
                rendered.contains(ESC + "[33mlearnjava print" + ESC + "[0m"),
                "inline code, no backticks"),
        () ->
            assertTrue(
                rendered.contains("\n    " + ESC + "[35mclass" + ESC + "[0m Main"), "java keyword"),
        () ->
            assertTrue(
                rendered.contains("\n    " + ESC + "[32mls -l" + ESC + "[0m\n"), "other code"),
        () -> assertTrue(rendered.contains(ESC + "[36m•" + ESC + "[0m first"), "bullet"),
        () -> assertTrue(rendered.contains(ESC + "[90m│" + ESC + "[0m quoted"), "quote bar"),
        () ->
            assertTrue(rendered.contains(ESC + "[4;34mhttps://example.com" + ESC + "[0m"), "link"),
        () -> assertTrue(rendered.contains(ESC + "[90m" + "─".repeat(80) + ESC + "[0m"), "rule"));
  }

  @Test
  void nestedStylesAreCombinedAndResetAtTheirEnd() {
    String rendered = colored("> - **bold *both* `code`** after");
    String expected =
        ESC
            + "[90m│"
            + ESC
            + "[0m "
            + ESC
            + "[36m•"
            + ESC
            + "[0m "
            + ESC
            + "[1mbold "
            + ESC
            + "[0m"
            + ESC
            + "[1;3mboth"
            + ESC
            + "[0m"
            + ESC
            + "[1m "
            + ESC
            + "[0m"
            + ESC
            + "[1;33mcode"
            + ESC
            + "[0m after\n";
    assertEquals(expected, rendered);
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 40, 80})
  void noLineIsWiderThanTheWidthExceptInCodeBlocks(int width) {
    for (boolean color : new boolean[] {false, true}) {
      String rendered = new MarkdownRenderer(color, width, PLACEHOLDERS).render(sampleLesson());
      for (String line : rendered.split("\n")) {
        if (!Style.strip(line).startsWith("    ")) {
          assertTrue(Style.width(line) <= width, () -> "wider than " + width + ": " + line);
        }
        assertEquals(Style.strip(line).stripTrailing(), Style.strip(line), "trailing whitespace");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 40, 60, 80})
  void onATerminalEveryLineFitsUnlessItIsOneWord(int width) {
    for (MarkdownRenderer.Look look :
        new MarkdownRenderer.Look[] {
          MarkdownRenderer.Look.COLOR, MarkdownRenderer.Look.MONOCHROME
        }) {
      String rendered = new MarkdownRenderer(look, width, PLACEHOLDERS).render(sampleLesson());
      for (String line : rendered.split("\n")) {
        String text = Style.strip(line);
        boolean oneWord = !text.strip().contains(" ");
        assertTrue(
            Style.width(line) <= width || oneWord,
            () -> look + ", wider than " + width + ": " + line);
        assertEquals(text.stripTrailing(), text, "trailing whitespace");
      }
    }
  }

  @Test
  void onATerminalALongCodeLineBreaksAtASpaceAndItsContinuationIsIndentedFurther() {
    String markdown = "```\nfoo(first, second, third, fourth);\n```";
    String rendered =
        new MarkdownRenderer(MarkdownRenderer.Look.MONOCHROME, 30, PLACEHOLDERS).render(markdown);
    assertEquals("    foo(first, second, third,\n        fourth);\n", rendered);
    String colored =
        new MarkdownRenderer(MarkdownRenderer.Look.COLOR, 30, PLACEHOLDERS).render(markdown);
    for (String line : colored.split("\n")) {
      assertTrue(line.endsWith(ESC + "[0m"), "each line turns its colour off: " + line);
      assertTrue(line.stripLeading().startsWith(ESC + "[32m"), "and on again: " + line);
    }
  }

  @Test
  void monochromeIsLaidOutAsInColourWithoutAnyEscape() {
    String markdown =
        """
                # ONE LOOP

                ## Hint 3 of 3

                ### Step

                Run `workshop verify` with **care**.

                - first
                - second

                > quoted

                ```java
                loop.run();
                ```

                ---
                """;
    String rendered =
        new MarkdownRenderer(MarkdownRenderer.Look.MONOCHROME, 20, PLACEHOLDERS).render(markdown);
    assertEquals(
        """
                ONE LOOP
                ════════

                Hint 3 of 3
                ───────────

                Step
                ┄┄┄┄

                Run workshop verify
                with care.

                • first
                • second

                │ quoted

                    loop.run();

                ────────────────────
                """,
        rendered);
  }

  @Test
  void widthsBelowTwentyCountAsTwenty() {
    assertEquals("-".repeat(20) + "\n", plain(5, "---"));
  }

  @Test
  void wordsLongerThanTheWidthAreBroken() {
    assertEquals(
        "a\n" + "x".repeat(20) + "\n" + "x".repeat(5) + "\n", plain(20, "a " + "x".repeat(25)));
  }

  private static String sampleLesson() {
    return """
                # The lesson

                Some *italic*, some **bold** and `{appname} print`, in a paragraph long enough to wrap at any of the widths we try, with a link to [the site](https://example.com).

                ## A part

                - first item, which also goes on for long enough to need wrapping at narrow widths
                - second item
                  - nested item, wrapped too when the terminal is narrow enough for it

                > quoted text that runs on for a good many words, with **bold** in it and a `code span` too

                ### A step

                ```java
                class Main { public static void main(String[] args) { System.out.println("a long line of Java code"); } }
                ```

                ```sh
                ls -l
                ```

                | Column | Another column |
                |---|---|
                | a cell | another cell with some more words |

                ---
                """;
  }
}
