package dev.workshop.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a frame reads to a learner: class names as written in source, lambdas by their method. */
class FramesTest {

  private static String describe(String cls, String method, int line) {
    String file = cls.replaceAll("\\$.*", "") + ".java";
    return Frames.describe(new StackTraceElement(cls, method, file, line));
  }

  @Test
  void aTopLevelClassIsItsName() {
    assertEquals("Delay.delay(Delay.java:12)", describe("Delay", "delay", 12));
  }

  @Test
  void aNestedClassIsNamedAsInSource() {
    assertEquals("Counters.Adder.main(Counters.java:45)", describe("Counters$Adder", "main", 45));
    assertEquals("Outer.Mid.In.run(Outer.java:3)", describe("Outer$Mid$In", "run", 3));
  }

  @Test
  void aLambdaInANestedClassIsItsMethodThere() {
    assertEquals(
        "Counters.Waiter.main(Counters.java:60) (a lambda)",
        describe("Counters$Waiter", "lambda$main$0", 60));
    assertEquals("Main.main(Main.java:6) (a lambda)", describe("Main", "lambda$main$2", 6));
  }

  @Test
  void anAnonymousClassIsNamedByTheClassAroundIt() {
    assertEquals("Host.total(Host.java:49)", describe("Host$1", "total", 49));
    assertEquals("Counters.Adder.run(Counters.java:7)", describe("Counters$Adder$2", "run", 7));
  }

  @Test
  void aLocalClassIsItsOwnName() {
    assertEquals("Main.Task.run(Main.java:9)", describe("Main$1Task", "run", 9));
  }

  @Test
  void aGeneratedClassStopsAtTheClassAroundIt() {
    assertEquals("Main.run(Main.java:4)", describe("Main$$Lambda$14/0x0000000800c03000", "run", 4));
    assertEquals("Main.Adder", Frames.sourceName("Main$Adder$$Lambda$3"));
  }

  @Test
  void noFileOrLineStillReads() {
    assertEquals(
        "Main.Adder.main(unknown source)",
        Frames.describe(new StackTraceElement("Main$Adder", "main", null, -1)));
    assertEquals("", Frames.describe(null));
  }
}
