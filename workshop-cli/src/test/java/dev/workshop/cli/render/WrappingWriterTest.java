package dev.workshop.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrappingWriterTest {
  private static final String ESC = "\u001b";

  private static String through(int width, String text) {
    StringWriter sink = new StringWriter();
    PrintWriter writer = new PrintWriter(new WrappingWriter(sink, width));
    writer.print(text);
    writer.flush();
    return sink.toString();
  }

  @Test
  void aLongLineBreaksAtTheLastSpaceThatFits() {
    // The example of the issue: at 60 columns the terminal cut "to t" / "he last".
    String header = "Threads  java Host 1111, 1.23 s from the first callback to the last\n";
    assertEquals(
        "Threads  java Host 1111, 1.23 s from the first callback to\nthe last\n",
        through(60, header));
  }

  @Test
  void aLineThatFitsIsLeftAlone() {
    String line = "x".repeat(20) + " " + "y".repeat(39) + "\n";
    assertEquals(line, through(60, line));
    assertEquals("", through(60, ""));
  }

  @Test
  void aContinuationKeepsTheIndentationOfItsLine() {
    assertEquals(
        "    one two three\n    four five\n", through(20, "    one two three four five\n"));
  }

  @Test
  void anIndentationInsideAStyleIsKeptToo() {
    String dim = ESC + "[2m";
    String reset = ESC + "[0m";
    assertEquals(
        dim + "    one two three" + reset + "\n    " + dim + "four five" + reset + "\n",
        through(20, dim + "    one two three four five" + reset + "\n"));
  }

  @Test
  void escapesTakeNoColumnsAndAStyleIsCarriedOntoTheNextLine() {
    String red = ESC + "[31m";
    String reset = ESC + "[0m";
    assertEquals(
        red + "aaaa bbbb" + reset + "\n" + red + "cccc" + reset + "\n",
        through(10, red + "aaaa bbbb cccc" + reset + "\n"));
    assertEquals(red + "aaaa" + reset + " bbbb\n", through(10, red + "aaaa" + reset + " bbbb\n"));
  }

  @Test
  void aWordWiderThanTheLineOverflowsButTheWordsAfterItDoNot() {
    String path = "/a/very/long/path/that/cannot/be/broken";
    assertEquals(
        "error:\n" + path + "\nis missing\n", through(20, "error: " + path + " is missing\n"));
    assertEquals(path + "\n", through(20, path + "\n"));
  }

  @Test
  void aLineRedrawnInPlaceIsNeverBroken() {
    String progress = "\r" + ESC + "[Kcompiling your solution and starting it…";
    assertEquals(progress, through(20, progress));
    assertEquals("\r" + ESC + "[K", through(20, "\r" + ESC + "[K"));
  }

  @Test
  void textFlushedBeforeTheEndOfItsLineCountsForTheRestOfIt() {
    StringWriter sink = new StringWriter();
    PrintWriter writer = new PrintWriter(new WrappingWriter(sink, 20));
    writer.print("Reset it? [y/N] ");
    writer.flush();
    assertEquals("Reset it? [y/N] ", sink.toString(), "a prompt shows before its answer is read");
    writer.println("and more words");
    writer.flush();
    assertEquals("Reset it? [y/N] and\nmore words\n", sink.toString());
  }

  @Test
  void turnedOffItPassesEverythingThrough() {
    StringWriter sink = new StringWriter();
    WrappingWriter wrapper = new WrappingWriter(sink, 10);
    wrapper.setEnabled(false);
    PrintWriter writer = new PrintWriter(wrapper);
    writer.println("# a comment line of a script, to be kept whole");
    writer.flush();
    assertEquals(
        "# a comment line of a script, to be kept whole" + System.lineSeparator(), sink.toString());
  }

  @Test
  void wrapLineIndentsContinuationsFurther() {
    assertEquals(
        List.of("  call(first,", "      second);"),
        WrappingWriter.wrap("  call(first, second);", 14, 4));
  }

  @Test
  void wideCharactersTakeTwoColumns() {
    // Each ideograph takes 2 columns: 漢字漢字 is 8 wide, so 漢字漢字 漢字 (13) does not fit in 10.
    assertEquals(List.of("漢字漢字", "漢字漢字", "漢字"), WrappingWriter.wrap("漢字漢字 漢字漢字 漢字", 10, 0));
    // An emoji takes 2 columns: "ok 🙂🙂🙂" is 9 wide, and " go" would make it 12.
    assertEquals(List.of("ok 🙂🙂🙂", "go"), WrappingWriter.wrap("ok 🙂🙂🙂 go", 10, 0));
    // A combining accent takes none: "e\u0301" is one column, as é is.
    assertEquals(
        List.of("cafe\u0301 cafe\u0301"), WrappingWriter.wrap("cafe\u0301 cafe\u0301", 10, 0));
  }

  @Test
  void aWideWordIsCutAtTheEdgeWhenAsked() {
    assertEquals(List.of("漢字漢字漢", "字漢字"), WrappingWriter.wrap("漢字漢字漢字漢字", 10, 0, true));
    // An emoji is never split in half: 5 of them fill 10 columns, the sixth starts the next line.
    assertEquals(List.of("🙂".repeat(5), "🙂"), WrappingWriter.wrap("🙂".repeat(6), 10, 0, true));
    assertEquals(List.of("漢字漢字漢字漢字"), WrappingWriter.wrap("漢字漢字漢字漢字", 10, 0));
  }
}
