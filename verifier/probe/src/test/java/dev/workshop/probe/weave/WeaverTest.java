package dev.workshop.probe.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.workshop.probe.BlockKind;
import dev.workshop.probe.weave.Recorder.Event;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sample solutions compiled, loaded through the weaving loader, run, and their events checked. */
class WeaverTest {
  private final Recorder recorder = Recorder.get();

  @TempDir Path dir;

  private int mark;

  /** Compiles the sources and returns a weaving loader over them; events from now on count. */
  private WeavingClassLoader load(Map<String, String> sources, boolean jdk25) throws Exception {
    if (jdk25)
      assumeTrue(Files.isExecutable(Javac.JDK25_JAVAC), "JDK 25's javac at " + Javac.JDK25_JAVAC);
    Path classes = Javac.compile(dir.resolve("classes"), sources, jdk25);
    mark = Sites.count();
    return new WeavingClassLoader(classes, getClass().getClassLoader());
  }

  private static Object call(ClassLoader loader, String cls, String method, Object... args)
      throws Throwable {
    for (Method m : loader.loadClass(cls).getMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new NoSuchMethodException(cls + "." + method);
  }

  private static void runMain(ClassLoader loader, String cls) throws Throwable {
    call(loader, cls, "main", (Object) new String[0]);
  }

  private List<Event> events(String cls, String type) {
    return recorder.of(mark, cls, e -> e.type().equals(type));
  }

  /** The single event of this type at this line, failing with all the class's events otherwise. */
  private Event at(String cls, String type, int line) {
    List<Event> found =
        recorder.of(mark, cls, e -> e.type().equals(type) && e.site().line() == line);
    assertEquals(
        1, found.size(), () -> type + " at line " + line + " among " + recorder.of(mark, cls));
    return found.get(0);
  }

  private List<String> enteredBy(String cls, String threadName) {
    return events(cls, "entered").stream()
        .filter(e -> e.thread().getName().equals(threadName))
        .map(e -> e.site().className() + "." + e.site().methodName())
        .sorted()
        .collect(Collectors.toList());
  }

  // -----------------------------------------------------------------------------------------------

  static final String THREADS =
      """
      import java.util.*;

      public class Threads {
        public static void main(String[] args) throws Exception {
          Thread t = new Thread(() -> work("lambda"), "t-lambda"); // @lambda
          t.start(); // @start
          t.join(); // @join
          Thread r = new Thread(Threads::plain, "t-run");
          r.run(); // @run
          Worker w = new Worker();
          w.start(); // @worker-start
          w.join();
          List<Thread> many = List.of(new Thread(Threads::plain, "t-ref"));
          many.forEach(Thread::start); // @ref
          for (Thread m : many) m.join();
        }

        static void work(String who) {
          if (who.isEmpty()) throw new IllegalStateException();
        }

        static void plain() {
          work("plain");
        }

        static class Worker extends Thread {
          Worker() {
            super("t-worker");
          }

          @Override
          public void run() {
            try {
              sleep(1); // @worker-sleep
            } catch (InterruptedException e) {
              throw new RuntimeException(e);
            }
            work("worker");
          }
        }
      }
      """;

  @ParameterizedTest(name = "javac 25: {0}")
  @ValueSource(booleans = {false, true})
  void threadsStartedRunAndJoinedAreSeenAtTheirLines(boolean jdk25) throws Throwable {
    WeavingClassLoader loader = load(Map.of("Threads", THREADS), jdk25);
    runMain(loader, "Threads");
    String me = Thread.currentThread().getName();
    String src = THREADS;

    Event start = at("Threads", "start", Javac.line(src, "@start"));
    assertEquals("t-lambda", start.thread().getName());
    assertEquals(
        "Threads.main(Threads.java:" + Javac.line(src, "@start") + ")", start.site().describe());
    assertEquals(
        BlockKind.WAITING_FUTURE, at("Threads", "blocking", Javac.line(src, "@join")).detail());
    assertEquals(
        BlockKind.WAITING_FUTURE, at("Threads", "ended", Javac.line(src, "@join")).detail());

    Event run = at("Threads", "run", Javac.line(src, "@run"));
    assertEquals("t-run", run.thread().getName());
    assertEquals(me, run.current().getName(), "run() runs on the caller");

    // A subclass of Thread: the call's owner is Threads$Worker, and its unqualified sleep(1) too.
    assertEquals(
        "t-worker", at("Threads", "start", Javac.line(src, "@worker-start")).thread().getName());
    Event sleep = at("Threads", "blocking", Javac.line(src, "@worker-sleep"));
    assertEquals(BlockKind.SLEEPING, sleep.detail());
    assertEquals("t-worker", sleep.current().getName());
    assertEquals(
        "Threads.Worker.run(Threads.java:" + Javac.line(src, "@worker-sleep") + ")",
        sleep.site().describe());

    // A method reference, Thread::start, goes through a woven bridge.
    assertEquals("t-ref", at("Threads", "start", Javac.line(src, "@ref")).thread().getName());

    // Who ran what: each thread once per method, the lambda named after main.
    assertEquals(
        List.of("Threads.lambda$main$0", "Threads.work"), enteredBy("Threads", "t-lambda"));
    assertEquals(List.of("Threads$Worker.run", "Threads.work"), enteredBy("Threads", "t-worker"));
    assertEquals(List.of("Threads.plain", "Threads.work"), enteredBy("Threads", "t-ref"));
    assertEquals(
        List.of("Threads$Worker.<init>", "Threads.main", "Threads.plain", "Threads.work"),
        enteredBy("Threads", me));
    Event lambda =
        events("Threads", "entered").stream()
            .filter(e -> e.site().isLambda())
            .findFirst()
            .orElseThrow();
    assertEquals(
        "Threads.main(Threads.java:" + Javac.line(src, "@lambda") + ") (a lambda)",
        lambda.site().describe());
    assertEquals(List.of(), loader.unwoven().stream().toList());
  }

  static final String WAITS =
      """
      import java.util.concurrent.*;
      import java.util.concurrent.locks.*;

      public class Waits {
        public static final Object LOCK = new Object();
        public static int result;

        public static void main(String[] args) throws Exception {
          Thread.sleep(10); // @sleep
          ExecutorService pool = Executors.newFixedThreadPool(2); // @pool
          Future<Integer> f = pool.submit(() -> 6 * 7);
          int v = f.get(); // @get
          int w = CompletableFuture.supplyAsync(() -> 1).join(); // @async
          ReentrantLock l = new ReentrantLock();
          l.lock(); // @lock
          l.unlock();
          synchronized (LOCK) { // @sync
            LOCK.wait(1); // @wait
          }
          CountDownLatch latch = new CountDownLatch(1);
          pool.execute(latch::countDown);
          latch.await(); // @latch
          Semaphore s = new Semaphore(1);
          s.acquire(); // @semaphore
          BlockingQueue<String> q = new LinkedBlockingQueue<>();
          q.put("x"); // @put
          q.take(); // @take
          ThreadPoolExecutor tpe = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()); // @tpe
          tpe.shutdown();
          pool.shutdown();
          pool.awaitTermination(5, TimeUnit.SECONDS); // @terminate
          result = v + w;
        }
      }
      """;

  @ParameterizedTest(name = "javac 25: {0}")
  @ValueSource(booleans = {false, true})
  void blockingCallsAreReportedWithTheirKindAndLine(boolean jdk25) throws Throwable {
    WeavingClassLoader loader = load(Map.of("Waits", WAITS), jdk25);
    runMain(loader, "Waits");
    assertEquals(43, loader.loadClass("Waits").getField("result").getInt(null));
    String src = WAITS;
    Map<String, BlockKind> kinds =
        Map.ofEntries(
            Map.entry("@sleep", BlockKind.SLEEPING),
            Map.entry("@get", BlockKind.WAITING_FUTURE),
            Map.entry("@async", BlockKind.WAITING_FUTURE),
            Map.entry("@lock", BlockKind.WAITING_LOCK),
            Map.entry("@wait", BlockKind.WAITING),
            Map.entry("@latch", BlockKind.WAITING_FUTURE),
            Map.entry("@semaphore", BlockKind.WAITING_FUTURE),
            Map.entry("@put", BlockKind.WAITING_FUTURE),
            Map.entry("@take", BlockKind.WAITING_FUTURE),
            Map.entry("@terminate", BlockKind.WAITING_FUTURE));
    for (Map.Entry<String, BlockKind> k : kinds.entrySet()) {
      int line = Javac.line(src, k.getKey());
      assertEquals(k.getValue(), at("Waits", "blocking", line).detail(), k.getKey());
      assertEquals(k.getValue(), at("Waits", "ended", line).detail(), k.getKey());
    }
    assertEquals(
        kinds.size(),
        events("Waits", "blocking").size(),
        () -> recorder.of(mark, "Waits").toString());

    assertEquals(
        "Executors.newFixedThreadPool", at("Waits", "executor", Javac.line(src, "@pool")).detail());
    assertEquals(
        "new ThreadPoolExecutor", at("Waits", "executor", Javac.line(src, "@tpe")).detail());
    assertEquals(
        "CompletableFuture.supplyAsync", at("Waits", "async", Javac.line(src, "@async")).detail());

    Object lock = loader.loadClass("Waits").getField("LOCK").get(null);
    assertSame(lock, at("Waits", "monitor", Javac.line(src, "@sync")).detail());
    at("Waits", "monitored", Javac.line(src, "@sync"));

    // The pool's lambda ran on a pool thread, not on the caller.
    List<Event> lambda =
        events("Waits", "entered").stream().filter(e -> e.site().isLambda()).toList();
    assertTrue(
        lambda.stream().noneMatch(e -> e.thread() == Thread.currentThread()), lambda::toString);
    assertTrue(lambda.size() >= 2, lambda::toString);
  }

  static final String POLLS =
      """
      import java.time.Clock;
      import java.time.Instant;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.locks.LockSupport;
      import java.util.function.LongSupplier;

      public class Polls {
        public static long result;

        public static void main(String[] args) {
          long a = System.nanoTime(); // @nano
          long b = System.currentTimeMillis(); // @millis
          Instant c = Instant.now(); // @instant
          Thread.onSpinWait(); // @spin
          Thread.yield(); // @yield
          CompletableFuture<Integer> f = CompletableFuture.completedFuture(1);
          boolean d = f.isDone(); // @done
          LongSupplier clock = System::nanoTime; // @ref
          long e = clock.getAsLong();
          Clock utc = Clock.systemUTC();
          long g = utc.millis(); // @clock-millis
          Instant h = utc.instant(); // @clock-instant
          LockSupport.parkNanos(1); // @park
          LockSupport.parkNanos(utc, 1); // @park-blocker
          try {
            Thread.sleep(0); // @sleep0
          } catch (InterruptedException x) {
            throw new IllegalStateException(x);
          }
          result = (a > 0 && b > 0 && c != null && d && e >= a && g > 0 && h != null) ? 1 : 0;
        }
      }
      """;

  @Test
  void callsThatBusyWaitsRepeatAreReportedAtTheirLines() throws Throwable {
    WeavingClassLoader loader = load(Map.of("Polls", POLLS), false);
    runMain(loader, "Polls");
    assertEquals(
        1L,
        loader.loadClass("Polls").getField("result").getLong(null),
        "the calls still return what they return");
    List<String> marks =
        List.of(
            "@nano",
            "@millis",
            "@instant",
            "@spin",
            "@yield",
            "@done",
            "@ref",
            "@clock-millis",
            "@clock-instant",
            "@park",
            "@park-blocker",
            "@sleep0");
    for (String mark : marks) {
      at("Polls", "polled", Javac.line(POLLS, mark));
    }
    assertEquals(
        marks.size(), events("Polls", "polled").size(), () -> events("Polls", "polled").toString());
  }

  static final String MONITORS =
      """
      public class Monitors {
        static final Object A = new Object();
        static final Object B = new Object();
        static int n;

        public static int run(int k) {
          for (int i = 0; i < k; i++) {
            synchronized (A) { // @outer
              synchronized (B) { // @inner
                n++;
              }
            }
          }
          synchronized (A) { // @loop-head
            while (n < 0) n++;
          }
          Runnable r = () -> {
            synchronized (B) { // @lambda
              n += 10;
            }
          };
          r.run();
          return n;
        }
      }
      """;

  @Test
  void synchronizedBlocksReportTheWaitForTheirMonitor() throws Throwable {
    WeavingClassLoader loader = load(Map.of("Monitors", MONITORS), false);
    assertEquals(13, call(loader, "Monitors", "run", 3));
    Class<?> c = loader.loadClass("Monitors");
    java.lang.reflect.Field a = c.getDeclaredField("A");
    a.setAccessible(true);
    java.lang.reflect.Field b = c.getDeclaredField("B");
    b.setAccessible(true);
    for (String[] m : new String[][] {{"@outer", "3"}, {"@inner", "3"}, {"@lambda", "1"}}) {
      int line = Javac.line(MONITORS, m[0]);
      List<Event> started =
          recorder.of(mark, "Monitors", e -> e.type().equals("monitor") && e.site().line() == line);
      List<Event> ended =
          recorder.of(
              mark, "Monitors", e -> e.type().equals("monitored") && e.site().line() == line);
      assertEquals(Integer.parseInt(m[1]), started.size(), m[0]);
      assertEquals(started.size(), ended.size(), m[0]);
      assertSame(m[0].equals("@outer") ? a.get(null) : b.get(null), started.get(0).detail(), m[0]);
    }
    // A block whose first instruction is also a loop's head is left alone (the hook would run on
    // every iteration): no events, same result.
    int head = Javac.line(MONITORS, "@loop-head");
    assertEquals(
        List.of(),
        recorder.of(
            mark, "Monitors", e -> e.type().startsWith("monitor") && e.site().line() == head));
  }

  static final String PROCS =
      """
      public class Procs {
        public static long pid;
        public static long execPid;
        public static int code;

        public static void main(String[] args) throws Exception {
          Process p = new ProcessBuilder("sh", "-c", "true").start(); // @builder
          pid = p.pid();
          code = p.waitFor(); // @waitfor
          Process q = Runtime.getRuntime().exec(new String[] {"sh", "-c", "exit 3"}); // @exec
          execPid = q.pid();
          code += q.waitFor();
        }
      }
      """;

  @Test
  void processesAreReportedWithTheirPidAndCommand() throws Throwable {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell");
    WeavingClassLoader loader = load(Map.of("Procs", PROCS), false);
    runMain(loader, "Procs");
    Class<?> c = loader.loadClass("Procs");
    assertEquals(3, c.getField("code").getInt(null));
    long pid = c.getField("pid").getLong(null);
    long execPid = c.getField("execPid").getLong(null);
    assertEquals(
        pid + " [sh, -c, true]", at("Procs", "process", Javac.line(PROCS, "@builder")).detail());
    assertEquals(
        execPid + " [sh, -c, exit 3]", at("Procs", "process", Javac.line(PROCS, "@exec")).detail());
    assertEquals(
        BlockKind.WAITING_FUTURE, at("Procs", "blocking", Javac.line(PROCS, "@waitfor")).detail());
  }

  static final String FAILING =
      """
      import java.util.concurrent.*;

      public class Failing {
        public static void negative() throws InterruptedException {
          Thread.sleep(-1); // @negative
        }

        public static Object failed() throws Exception {
          return CompletableFuture.failedFuture(new IllegalStateException("boom")).get(); // @failed
        }

        public static void interrupted() throws InterruptedException {
          Thread.currentThread().interrupt();
          Thread.sleep(60_000); // @interrupted
        }

        public static String caught() {
          try {
            Thread.sleep(-5);
            return "slept";
          } catch (IllegalArgumentException | InterruptedException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
          }
        }
      }
      """;

  @Test
  void exceptionsPropagateUnchanged() throws Throwable {
    WeavingClassLoader loader = load(Map.of("Failing", FAILING), false);
    IllegalArgumentException expected =
        assertThrows(IllegalArgumentException.class, () -> Thread.sleep(-1));
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> call(loader, "Failing", "negative"));
    assertEquals(expected.getMessage(), negative.getMessage());
    assertEquals(
        "Failing",
        negative.getStackTrace()[2].getClassName(),
        "Thread.sleep, the hook, then the learner's frame");
    assertEquals(
        BlockKind.SLEEPING, at("Failing", "ended", Javac.line(FAILING, "@negative")).detail());

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> call(loader, "Failing", "failed"));
    assertEquals(IllegalStateException.class, failed.getCause().getClass());
    assertEquals("boom", failed.getCause().getMessage());
    assertEquals(
        BlockKind.WAITING_FUTURE, at("Failing", "ended", Javac.line(FAILING, "@failed")).detail());

    assertThrows(InterruptedException.class, () -> call(loader, "Failing", "interrupted"));
    assertTrue(!Thread.interrupted(), "sleep cleared the interrupt as it does unwoven");
    assertEquals(
        BlockKind.SLEEPING, at("Failing", "ended", Javac.line(FAILING, "@interrupted")).detail());

    IllegalArgumentException five =
        assertThrows(IllegalArgumentException.class, () -> Thread.sleep(-5));
    assertEquals(
        "IllegalArgumentException: " + five.getMessage(), call(loader, "Failing", "caught"));
  }

  static final String SHAPES =
      """
      public class Shapes {
        interface Shape {
          double area();

          default String label() {
            return "shape " + area();
          }

          static Shape unit() {
            return new Square(1);
          }
        }

        record Square(double side) implements Shape {
          Square {
            if (side < 0) throw new IllegalArgumentException("negative");
          }

          public double area() {
            return side * side;
          }
        }

        enum Kind {
          ROUND, SQUARE;

          Kind next() {
            return values()[(ordinal() + 1) % 2];
          }
        }

        static final int CONST;

        static {
          CONST = Integer.parseInt("7");
        }

        public static String main() {
          Shape s = Shape.unit();
          Runnable r = new Runnable() {
            public void run() {
              Kind.ROUND.next();
            }
          };
          r.run();
          return s.label() + " " + CONST + " " + Kind.SQUARE.next() + " " + s;
        }
      }
      """;

  @ParameterizedTest(name = "javac 25: {0}")
  @ValueSource(booleans = {false, true})
  void interfacesRecordsEnumsAndNestedClassesAreWoven(boolean jdk25) throws Throwable {
    WeavingClassLoader loader = load(Map.of("Shapes", SHAPES), jdk25);
    assertEquals("shape 1.0 7 ROUND Square[side=1.0]", call(loader, "Shapes", "main"));
    List<String> entered = enteredBy("Shapes", Thread.currentThread().getName());
    for (String m :
        List.of(
            "Shapes.<clinit>",
            "Shapes.main",
            "Shapes$Shape.unit",
            "Shapes$Shape.label",
            "Shapes$Square.<init>",
            "Shapes$Square.area",
            "Shapes$Square.toString",
            "Shapes$Kind.<clinit>",
            "Shapes$Kind.next",
            "Shapes$Kind.values",
            "Shapes$1.<init>",
            "Shapes$1.run")) {
      assertTrue(entered.contains(m), m + " in " + entered);
    }
    assertEquals(List.of(), events("Shapes", "run"), "Runnable.run on a Runnable is no Thread.run");
    Event anonymous =
        events("Shapes", "entered").stream()
            .filter(
                e -> e.site().className().equals("Shapes$1") && e.site().methodName().equals("run"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "Shapes.run(Shapes.java:" + (Javac.line(SHAPES, "Kind.ROUND.next()")) + ")",
        anonymous.site().describe());
    assertEquals(List.of(), loader.unwoven().stream().toList());
  }

  static final String FIB =
      """
      public class Fib {
        public static int fib(int n) {
          return n < 2 ? n : fib(n - 1) + fib(n - 2);
        }
      }
      """;

  private static int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }

  @Test
  void aWovenRecursiveFibGivesTheSameResultAndOneEventPerThread() throws Throwable {
    WeavingClassLoader loader = load(Map.of("Fib", FIB), false);
    assertEquals(fib(30), call(loader, "Fib", "fib", 30));
    Thread other =
        new Thread(
            () -> {
              try {
                assertEquals(fib(20), call(loader, "Fib", "fib", 20));
              } catch (Throwable e) {
                throw new AssertionError(e);
              }
            },
            "fib-2");
    other.start();
    other.join();
    List<Event> entered = events("Fib", "entered");
    assertEquals(2, entered.size(), entered::toString);
    assertEquals(
        List.of(Thread.currentThread(), other), entered.stream().map(Event::thread).toList());
    assertEquals(
        Javac.line(FIB, "return n"),
        entered.get(0).site().line(),
        "a method's line is its first statement's");
  }

  @Test
  void threadsSharingAWovenMethodAtOnceAreEachReportedOnce() throws Throwable {
    WeavingClassLoader loader = load(Map.of("Fib", FIB), false);
    // More threads than the entry hook's slots per method: some share a slot and take it from
    // one another, which must neither lose a first entry nor report one twice.
    int threads = 12;
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
    List<Thread> started = new java.util.ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  for (int round = 0; round < 20; round++) {
                    together.await(); // every round, all of them in fib at once
                    assertEquals(fib(15), call(loader, "Fib", "fib", 15));
                  }
                } catch (Throwable e) {
                  throw new AssertionError(e);
                }
              },
              "fib-" + i);
      started.add(t);
      t.start();
    }
    for (Thread t : started) t.join();
    List<Thread> reported = events("Fib", "entered").stream().map(Event::thread).toList();
    assertEquals(threads, reported.size(), reported::toString);
    assertEquals(new java.util.HashSet<>(started), new java.util.HashSet<>(reported));
  }

  static final String LOOP =
      """
      import dev.workshop.runtime.EventLoop;

      public class Loop {
        public static int ran;

        public static void main(String[] args) {
          EventLoop loop = EventLoop.create();
          loop.post(() -> ran++);
          loop.run(); // @run
        }
      }
      """;

  @Test
  void eventLoopRunIsReported() throws Throwable {
    WeavingClassLoader loader = load(Map.of("Loop", LOOP), false);
    runMain(loader, "Loop");
    assertEquals(1, loader.loadClass("Loop").getField("ran").getInt(null));
    at("Loop", "loop", Javac.line(LOOP, "@run"));
  }

  @Test
  void aSecondListenerIsRefused() {
    assertThrows(IllegalStateException.class, () -> Hooks.install(new WeaveListener() {}));
    assertThrows(NullPointerException.class, () -> Hooks.install(null));
  }

  @Test
  void siteDescriptionsMatchTheProbesFrames() throws Exception {
    Method describe =
        Class.forName("dev.workshop.probe.Frames")
            .getDeclaredMethod("describe", StackTraceElement.class);
    describe.setAccessible(true);
    for (Site s :
        List.of(
            new Site("Main", "main", "Main.java", 12),
            new Site("Main$1", "run", "Main.java", 3),
            new Site("Delay", "lambda$delay$0", "Delay.java", 18),
            new Site("A", "lambda$static$1", "A.java", 2),
            new Site("A", "lambda$new$0", null, -1),
            new Site("B", "<init>", "B.java", -1))) {
      assertEquals(describe.invoke(null, s.frame()), s.describe(), s.toString());
    }
  }

  @Test
  void oddInputIsReturnedUnchanged() {
    Weaver weaver = new Weaver();
    for (byte[] odd :
        List.of(
            new byte[0],
            new byte[] {1, 2, 3},
            new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0})) {
      assertSame(odd, weaver.weave(odd, "X"));
      assertEquals(List.of(), ClassScan.forbiddenReferences(odd));
    }
  }

  @Test
  void aClassUnderAnotherNameIsNotWoven() throws Exception {
    Path classes = Javac.compile(dir.resolve("classes"), Map.of("Fib", FIB), false);
    byte[] bytes = Files.readAllBytes(classes.resolve("Fib.class"));
    assertSame(bytes, new Weaver().weave(bytes, "Other"));
    assertNotEquals(bytes.length, new Weaver().weave(bytes, "Fib").length);
  }
}
