package dev.workshop.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** How {@code workshop run} lays out two runs' output and its own lines. */
class RunOutputTest {

  @Test
  void aRunWhoseOutputDidNotEndItsLineIsEndedBeforeTheNextRunsHeader() {
    StringWriter text = new StringWriter();
    RunCommand.Output output = new RunCommand.Output(new PrintWriter(text));
    output.line("$ java Host 111");
    output.text("Wait");
    output.text("ing..");
    output.line("$ java Host 1111");
    output.text("Waiting...Done!\n");
    output.line("$ java Host 2222");
    output.text("");
    output.endLine();
    assertEquals(
        "$ java Host 111\nWaiting..\n$ java Host 1111\nWaiting...Done!\n$ java Host 2222\n",
        text.toString());
  }

  @Test
  void endLineEndsOnlyAnUnfinishedLine() {
    StringWriter text = new StringWriter();
    RunCommand.Output output = new RunCommand.Output(new PrintWriter(text));
    output.text("dots...");
    output.endLine();
    output.endLine();
    assertEquals("dots...\n", text.toString());
  }
}
