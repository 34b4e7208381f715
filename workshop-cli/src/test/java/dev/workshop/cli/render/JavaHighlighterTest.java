package dev.workshop.cli.render;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.Style;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavaHighlighterTest {

  private static final String ESC = "\u001B";

  private static String styled(String sgr, String text) {
    return ESC + "[" + sgr + "m" + text + ESC + "[0m";
  }

  @Test
  void withoutColourTheSourceIsUnchanged() {
    String source = "class A { String s = \"x\"; }";
    assertSame(source, JavaHighlighter.highlight(source, false));
  }

  @Test
  void coloursKeywordsLiteralsCommentsAndAnnotations() {
    String source = "@Override public int size() { return 42 + 'c' + \"s\".length(); } // done";
    String expected =
        styled("33", "@Override")
            + " "
            + styled("35", "public")
            + " "
            + styled("35", "int")
            + " size() { "
            + styled("35", "return")
            + " "
            + styled("36", "42")
            + " + "
            + styled("32", "'c'")
            + " + "
            + styled("32", "\"s\"")
            + ".length(); } "
            + styled("90", "// done");
    assertEquals(expected, JavaHighlighter.highlight(source, true));
  }

  @Test
  void identifiersContainingKeywordsOrDigitsStayPlain() {
    assertEquals(
        "interfaces x1 classy newValue",
        JavaHighlighter.highlight("interfaces x1 classy newValue", true));
  }

  @Test
  void escapedQuotesDoNotEndAString() {
    assertEquals(
        styled("32", "\"say \\\"hi\\\"\"") + ";",
        JavaHighlighter.highlight("\"say \\\"hi\\\"\";", true));
  }

  @Test
  void numbersKeepTheirSuffixesAndExponents() {
    assertEquals(
        styled("36", "1_000L") + " " + styled("36", "1.5e-3") + " " + styled("36", "0x1F"),
        JavaHighlighter.highlight("1_000L 1.5e-3 0x1F", true));
  }

  @Test
  void blockCommentsAndTextBlocksAreStyledLineByLine() {
    String source = "/* one\ntwo */ String s = \"\"\"\n    hi\n    \"\"\";";
    String expected =
        styled("90", "/* one")
            + "\n"
            + styled("90", "two */")
            + " String s = "
            + styled("32", "\"\"\"")
            + "\n"
            + styled("32", "    hi")
            + "\n"
            + styled("32", "    \"\"\"")
            + ";";
    assertEquals(expected, JavaHighlighter.highlight(source, true));
  }

  @Test
  void contextualKeywordsAreColoured() {
    assertEquals(
        styled("35", "sealed") + " " + styled("35", "non-sealed") + " " + styled("35", "record"),
        JavaHighlighter.highlight("sealed non-sealed record", true));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"unterminated",
        "'",
        "/* never closed\nstill comment",
        "\"\"\"\nopen text block",
        "\"\\",
        "@",
        "0x",
        ".",
        "1e+",
        "non-",
        "\"a\nb\"",
        "\t\r\n",
        ""
      })
  void oddInputIsKeptIntact(String source) {
    String highlighted = JavaHighlighter.highlight(source, true);
    assertEquals(source, Style.strip(highlighted));
  }

  @Test
  void anUnterminatedStringEndsAtItsLine() {
    String highlighted = JavaHighlighter.highlight("String s = \"open\nint x;", true);
    assertAll(
        () -> assertTrue(highlighted.contains(styled("32", "\"open") + "\n"), highlighted),
        () -> assertTrue(highlighted.endsWith(styled("35", "int") + " x;"), highlighted));
  }
}
