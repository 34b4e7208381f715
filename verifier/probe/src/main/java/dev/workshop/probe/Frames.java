package dev.workshop.probe;

import java.lang.management.ThreadInfo;
import java.util.List;

/**
 * Reads stacks the way a learner would: which frame is "my code", what the thread was doing, and
 * whether a frame is the JDK warming up rather than the solution working.
 */
public final class Frames {
  private volatile List<String> learnerClasses;
  private volatile List<String> hostClasses;

  /**
   * @param learnerClasses top-level classes the learner wrote (nested and lambda classes follow)
   * @param hostClasses top-level classes the exercise provides
   */
  Frames(List<String> learnerClasses, List<String> hostClasses) {
    this.learnerClasses = learnerClasses;
    this.hostClasses = hostClasses;
  }

  /** Names the learner's and the host's classes, once they are known (after the compile). */
  void name(List<String> learner, List<String> host) {
    this.learnerClasses = List.copyOf(learner);
    this.hostClasses = List.copyOf(host);
  }

  boolean isLearner(StackTraceElement f) {
    return matches(f.getClassName(), learnerClasses);
  }

  boolean isHost(StackTraceElement f) {
    return matches(f.getClassName(), hostClasses);
  }

  private static boolean matches(String className, List<String> names) {
    for (String n : names) {
      if (className.equals(n)
          || (className.startsWith(n)
              && className.length() > n.length()
              && className.charAt(n.length()) == '$')) {
        return true;
      }
    }
    return false;
  }

  /** The innermost frame of the learner's code, else of the host's, else {@code null}. */
  StackTraceElement blamed(StackTraceElement[] stack) {
    for (StackTraceElement f : stack) {
      if (isLearner(f)) return f;
    }
    for (StackTraceElement f : stack) {
      if (isHost(f)) return f;
    }
    return null;
  }

  /**
   * A frame as a learner reads it: {@code Delay.delay(Delay.java:12)}. A nested class is named as
   * in source ({@code Counters$Adder} is {@code Counters.Adder}); an anonymous class ({@code
   * Host$1}) by the class around it. A lambda's synthetic name ({@code lambda$delay$0}) becomes
   * the method that wrote it, marked "(a lambda)".
   */
  public static String describe(StackTraceElement f) {
    if (f == null) return "";
    String outer = sourceName(f.getClassName());
    String method = f.getMethodName();
    String lambda = "";
    if (method.startsWith("lambda$")) {
      String[] parts = method.split("\\$");
      method = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : method;
      if (method.equals("static") || method.equals("new")) method = "<init>";
      lambda = " (a lambda)";
    }
    String where =
        f.getFileName() == null
            ? "unknown source"
            : f.getLineNumber() > 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
    return outer + "." + method + "(" + where + ")" + lambda;
  }

  /**
   * A binary class name as written in source: {@code Counters$Adder} is {@code Counters.Adder}, a
   * local class {@code Counters$1Local} is {@code Counters.Local}; the name stops before an
   * anonymous class ({@code Host$1}) or a generated one ({@code Main$$Lambda...}), which source
   * never names.
   */
  public static String sourceName(String binaryName) {
    int dollar = binaryName.indexOf('$');
    if (dollar <= 0) return binaryName;
    StringBuilder name = new StringBuilder(binaryName.substring(0, dollar));
    for (String part : binaryName.substring(dollar + 1).split("\\$", -1)) {
      int digits = 0;
      while (digits < part.length() && Character.isDigit(part.charAt(digits))) digits++;
      String simple = part.substring(digits);
      if (simple.isEmpty() || !Character.isJavaIdentifierStart(simple.charAt(0))) break;
      name.append('.').append(simple);
    }
    return name.toString();
  }

  /**
   * Whether the stack is the runtime's event loop in its poll phase (a selector or a park in
   * {@code EventLoop.poll}, JDK frames only above it): the loop is idle, waiting for events.
   */
  static boolean isLoopPoll(StackTraceElement[] s) {
    for (StackTraceElement f : s) {
      String c = f.getClassName();
      if (c.equals("dev.workshop.runtime.EventLoop")) return f.getMethodName().equals("poll");
      if (!(c.startsWith("java.") || c.startsWith("sun.") || c.startsWith("jdk."))) return false;
    }
    return false;
  }

  /** What the thread was doing, from its state, its stack and whether it used the CPU. */
  static BlockKind classify(ThreadInfo info, boolean usedCpu) {
    StackTraceElement[] s = info.getStackTrace();
    switch (info.getThreadState()) {
      case BLOCKED:
        return BlockKind.WAITING_LOCK;
      case WAITING:
      case TIMED_WAITING:
        for (StackTraceElement f : s) {
          String c = f.getClassName();
          String m = f.getMethodName();
          if (c.equals("java.lang.Thread") && m.startsWith("sleep")) return BlockKind.SLEEPING;
          if (c.startsWith("java.util.concurrent.locks.")
              && !c.contains("ConditionObject")
              && (m.startsWith("acquire") || m.startsWith("lock") || m.startsWith("tryLock"))) {
            return BlockKind.WAITING_LOCK;
          }
          if (isFutureWait(c, m)) return BlockKind.WAITING_FUTURE;
        }
        return BlockKind.WAITING;
      case RUNNABLE:
        if (!usedCpu && s.length > 0 && isIo(s)) return BlockKind.BLOCKING_IO;
        return BlockKind.COMPUTING;
      default:
        return BlockKind.WAITING;
    }
  }

  private static boolean isFutureWait(String c, String m) {
    return (c.equals("java.util.concurrent.CompletableFuture")
            && (m.equals("get")
                || m.equals("join")
                || m.equals("waitingGet")
                || m.equals("timedGet")))
        || (c.equals("java.util.concurrent.FutureTask")
            && (m.equals("get") || m.equals("awaitDone")))
        || (c.equals("java.util.concurrent.ForkJoinTask")
            && (m.equals("join") || m.equals("get") || m.startsWith("await")))
        || (c.equals("java.lang.Thread") && m.startsWith("join"))
        || (c.equals("java.util.concurrent.CountDownLatch") && m.equals("await"))
        || (c.equals("java.util.concurrent.CyclicBarrier") && m.equals("await"))
        || (c.equals("java.util.concurrent.Semaphore") && m.startsWith("acquire"))
        || c.equals("java.lang.ProcessImpl") && m.equals("waitFor")
        || c.equals("java.lang.Process") && m.equals("waitFor")
        || (c.startsWith("java.util.concurrent.")
            && c.endsWith("ExecutorService")
            && m.equals("awaitTermination"))
        || (c.equals("java.lang.Object") && m.startsWith("wait"));
  }

  private static boolean isIo(StackTraceElement[] s) {
    for (int i = 0; i < Math.min(s.length, 12); i++) {
      String c = s[i].getClassName();
      if (c.startsWith("sun.nio.ch.")
          || c.startsWith("java.net.")
          || c.startsWith("sun.nio.fs.")
          || c.equals("java.io.FileInputStream")
          || c.equals("java.io.RandomAccessFile")
          || c.equals("java.io.FileOutputStream")
          || c.equals("java.io.FileDescriptor")
          || c.startsWith("java.lang.ProcessImpl")
          || c.equals("java.io.Console")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The woven wrappers of the learner's own calls ({@code Thread.start}, {@code Future.get},
   * {@code LockSupport.parkNanos}, {@code InetAddress.getByName}...).
   */
  private static boolean isCallWrapper(String className) {
    return className.equals("dev.workshop.probe.weave.Hooks")
        || className.equals("dev.workshop.probe.weave.BlockingHooks")
        || className.equals("dev.workshop.probe.weave.ProcessHooks")
        || className.equals("dev.workshop.probe.weave.PollHooks")
        || className.equals("dev.workshop.probe.weave.DnsHooks");
  }

  /**
   * Whether the thread is loading, linking or initialising JDK or runtime classes (work any fresh
   * JVM does once), or running the probe's own code (weaving a class, recording an event): not
   * the learner's to answer for.
   */
  boolean isWarmUp(StackTraceElement[] s) {
    for (StackTraceElement f : s) {
      if (isLearner(f) || isHost(f)) return false; // the warm-up must be above the learner's frames
      String c = f.getClassName();
      String m = f.getMethodName();
      // The probe's own work; the woven call wrappers only pass the learner's call on.
      if (c.startsWith("dev.workshop.probe.") && !isCallWrapper(c)
          || c.startsWith("org.objectweb.asm.")
          || c.equals("java.lang.ClassLoader")
          || c.startsWith("jdk.internal.loader.")
          || c.equals("java.lang.invoke.MethodHandleNatives") && m.startsWith("link")
          || c.startsWith("java.lang.invoke.InnerClassLambdaMetafactory")
          || c.startsWith("java.lang.invoke.StringConcatFactory")
          || c.startsWith("java.lang.invoke.LambdaForm") && m.startsWith("compile")
          || c.equals("java.lang.invoke.Invokers")
          || c.equals("java.lang.invoke.BootstrapMethodInvoker")
          || c.equals("jdk.internal.misc.Unsafe") && m.equals("ensureClassInitialized")
          || c.equals("java.lang.Class") && m.startsWith("forName")
          || m.equals("<clinit>")) {
        return true;
      }
    }
    return false;
  }
}
