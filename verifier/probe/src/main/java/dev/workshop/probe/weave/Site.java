package dev.workshop.probe.weave;

/**
 * A place in the solution's code, fixed when its class was woven: a method (for
 * {@link WeaveListener#methodEntered}) or one call inside a method (for every other event).
 *
 * @param className the class's binary name, {@code Main$Worker} (nested and anonymous classes
 *     keep their {@code $})
 * @param methodName the method's name in the class file: {@code main}, {@code <init>},
 *     {@code <clinit>}, or a lambda's synthetic {@code lambda$main$0}
 * @param fileName the source file, {@code Main.java}; {@code null} when the class has none
 * @param line for a call, the source line of the call; for a method, the line of its first
 *     statement (javac records no line for the declaration); -1 when the class has no line numbers
 */
public record Site(String className, String methodName, String fileName, int line) {

  /** Whether the method is a lambda's body ({@code lambda$...}). */
  public boolean isLambda() {
    return methodName.startsWith("lambda$");
  }

  /** The site as a stack frame, for code that already reads frames. */
  public StackTraceElement frame() {
    return new StackTraceElement(className, methodName, fileName, line);
  }

  /**
   * The site as a learner reads it, worded as the probe's verdicts word frames
   * ({@link dev.workshop.probe.Frames#describe}): {@code Delay.delay(Delay.java:12)}; a lambda is
   * named after the method that wrote it, {@code Main.main(Main.java:7) (a lambda)}; a nested
   * class as in source, {@code Counters.Adder.main(Counters.java:45)}.
   */
  public String describe() {
    return dev.workshop.probe.Frames.describe(frame());
  }
}
