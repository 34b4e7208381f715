package dev.workshop.probe;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A fresh JVM pays for its first String.format, lambda, stream, string concatenation and so on
 * with milliseconds of class loading on whichever thread gets there first (14 ms measured on JDK
 * 17). Paying here, before the solution starts, keeps that cost out of the learner's first
 * callback.
 */
final class WarmUp {
  private static final List<String> RUNTIME_CLASSES =
      List.of(
          "dev.workshop.runtime.EventLoop",
          "dev.workshop.runtime.Timer",
          "dev.workshop.runtime.Task",
          "dev.workshop.runtime.Work",
          "dev.workshop.runtime.LoopOwned",
          "dev.workshop.runtime.ThreadPool",
          "dev.workshop.runtime.AfterWork",
          "dev.workshop.runtime.Callback",
          "dev.workshop.runtime.AsyncWorker",
          "dev.workshop.runtime.ConfinementError",
          "dev.workshop.runtime.UncaughtCallbackError",
          "dev.workshop.runtime.FileRead",
          "dev.workshop.runtime.HttpServer",
          "dev.workshop.runtime.instrument.CallbackEvent",
          "dev.workshop.runtime.instrument.JobEvent",
          "dev.workshop.runtime.instrument.JobKind",
          "dev.workshop.runtime.instrument.CallbackKind");

  private WarmUp() {}

  static void run(Frames frames) {
    PrintStream sink =
        new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    long seed = System.nanoTime();
    sink.println(String.format("%d %s %.2f %5d%n", seed, "x", 1.5, 3) + seed + 'c' + 2.5f);
    sink.print('.');
    Runnable r = () -> sink.print("");
    r.run();
    java.util.function.Function<Integer, Integer> f = x -> x + 1;
    sink.println(
        java.util.stream.IntStream.range(0, 10)
            .boxed()
            .map(f)
            .filter(x -> x > 2)
            .collect(java.util.stream.Collectors.toList()));
    sink.println(List.of("a", "b").stream().map(String::toUpperCase).toList());
    sink.println(new ArrayList<>(List.of(3, 1, 2)).stream().sorted().count());
    sink.println(Long.parseLong("12") + Integer.parseInt("3") + Double.parseDouble("1.5"));
    sink.println(Arrays.toString("a,b".split(",")) + "x".repeat(3) + String.join("-", "a", "b"));
    sink.println(new StringBuilder().append(1.5).append('c').append(7L).reverse());
    sink.println(Pattern.compile("\\d+").matcher("a12").find());
    sink.println(new LinkedHashMap<>(Map.of("k", 1)).computeIfAbsent("j", k -> 2));
    sink.println(
        java.util.concurrent.CompletableFuture.completedFuture(1).thenApply(x -> x + 1).join());
    sink.println(new java.util.concurrent.atomic.AtomicLong().incrementAndGet());
    sink.println(java.time.Duration.ofMillis(5).toString() + java.util.Optional.of(1).map(x -> x));
    sink.println(
        StackWalker.getInstance()
            .walk(s -> s.findFirst().map(StackWalker.StackFrame::getMethodName))
            .orElse(""));
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String name : RUNTIME_CLASSES) {
      try {
        Class.forName(name, true, WarmUp.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // an older runtime: nothing to warm
      }
    }
    ThreadClock clock = ThreadClock.forCurrentThread();
    clock.read();
    frames.isWarmUp(Thread.currentThread().getStackTrace());
  }
}
