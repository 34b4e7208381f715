package dev.workshop.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GateTest {
  @Test
  void gateDropsWhatIsWrittenOnceShut() {
    StringWriter screen = new StringWriter();
    Gate gate = new Gate(new PrintWriter(screen));
    PrintWriter out = gate.printWriter();
    out.println("before");
    gate.shut();
    out.println("after");
    out.flush();
    assertEquals("before" + System.lineSeparator(), screen.toString());
  }
}
