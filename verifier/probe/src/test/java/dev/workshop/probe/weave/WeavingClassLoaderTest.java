package dev.workshop.probe.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** The loader's rules (no shadowing, weave or load as is) and what the weaver emits. */
class WeavingClassLoaderTest {
  @TempDir Path dir;

  private static void writeClass(Path classes, String internalName) throws Exception {
    ClassWriter w = new ClassWriter(0);
    w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, internalName, null, "java/lang/Object", null);
    w.visitEnd();
    Path f = classes.resolve(internalName + ".class");
    Files.createDirectories(f.getParent());
    Files.write(f, w.toByteArray());
  }

  @Test
  void aSolutionFolderShadowsNothing() throws Exception {
    Path classes =
        Javac.compile(
            dir.resolve("classes"),
            Map.of(
                "dev/workshop/runtime/EventLoop",
                    "package dev.workshop.runtime; public class EventLoop { }",
                "dev/workshop/runtime/Sneaky",
                    "package dev.workshop.runtime; public class Sneaky { }",
                "mine/Helper",
                    "package mine; public class Helper { public static int one() { return 1; } }"),
            false);
    writeClass(classes, "java/lang/String");
    writeClass(classes, "java/lang/Sneaky");
    writeClass(classes, "org/objectweb/asm/Sneaky");
    writeClass(classes, "javax/Sneaky");
    try (WeavingClassLoader loader = new WeavingClassLoader(classes, getClass().getClassLoader())) {
      assertSame(String.class, loader.loadClass("java.lang.String"));
      assertSame(
          dev.workshop.runtime.EventLoop.class, loader.loadClass("dev.workshop.runtime.EventLoop"));
      for (String name :
          List.of(
              "dev.workshop.runtime.Sneaky",
              "java.lang.Sneaky",
              "org.objectweb.asm.Sneaky",
              "javax.Sneaky")) {
        ClassNotFoundException e =
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass(name), name);
        assertTrue(e.getMessage().contains("may not define"), e.getMessage());
      }
      Class<?> helper = loader.loadClass("mine.Helper");
      assertSame(loader, helper.getClassLoader());
      assertEquals("mine", helper.getPackageName());
      assertEquals(1, helper.getMethod("one").invoke(null));
    }
    assertTrue(WeavingClassLoader.isReserved("dev.workshop.probe.Probe"));
    assertTrue(!WeavingClassLoader.isReserved("devices.Main"));
  }

  @Test
  void aClassTooLargeToWeaveIsLoadedAsIs() throws Exception {
    // 12,000 sleeps: 4 bytes of code each as compiled, 7 once woven, over the 64 KiB a method may
    // have.
    StringBuilder src =
        new StringBuilder(
            "public class Huge {\n  public static int ok() { return 1; }\n"
                + "  public static void sleeps() throws InterruptedException {\n");
    for (int i = 0; i < 12_000; i++) src.append("    Thread.sleep(0L);\n");
    src.append("  }\n}\n");
    Path classes =
        Javac.compile(
            dir.resolve("classes"),
            Map.of(
                "Huge",
                src.toString(),
                "Small",
                "public class Small { public static int two() { return Huge.ok() + 1; } }"),
            false);
    try (WeavingClassLoader loader = new WeavingClassLoader(classes, getClass().getClassLoader())) {
      assertEquals(2, loader.loadClass("Small").getMethod("two").invoke(null));
      assertEquals(Set.of("Huge"), loader.unwoven());
      byte[] bytes = Files.readAllBytes(classes.resolve("Huge.class"));
      assertSame(bytes, new Weaver().weave(bytes, "Huge"));
    }
  }

  static final String EVERYTHING =
      """
      import java.io.File;
      import java.util.concurrent.*;
      import java.util.concurrent.locks.*;

      public class Everything {
        static class MyTask extends RecursiveTask<Integer> {
          protected Integer compute() { return 1; }
        }

        public static void all(Thread t, Object o, Future<?> f, CompletableFuture<?> cf, CountDownLatch l,
            CyclicBarrier b, Semaphore s, Lock k, ReentrantLock rk, Condition c, Process p, BlockingQueue<String> q,
            ExecutorService e, ProcessBuilder pb, Runtime r, MyTask task, ScheduledFuture<?> sf, FutureTask<?> ft)
            throws Exception {
          Thread.sleep(1); Thread.sleep(1, 2);
          t.start(); t.run(); t.join(); t.join(1); t.join(1, 2);
          o.wait(); o.wait(1); o.wait(1, 2);
          f.get(); f.get(1, TimeUnit.SECONDS); cf.get(); cf.get(1, TimeUnit.SECONDS); cf.join(); task.join();
          sf.get(); ft.get();
          l.await(); l.await(1, TimeUnit.SECONDS); b.await(); b.await(1, TimeUnit.SECONDS);
          c.await(); c.await(1, TimeUnit.SECONDS);
          s.acquire(); s.acquire(2); s.acquireUninterruptibly(); s.acquireUninterruptibly(2);
          k.lock(); k.lockInterruptibly(); rk.lock(); rk.lockInterruptibly();
          p.waitFor(); p.waitFor(1, TimeUnit.SECONDS);
          q.take(); q.put("x"); e.awaitTermination(1, TimeUnit.SECONDS);
          pb.start();
          r.exec("a"); r.exec(new String[] {"a"}); r.exec("a", null); r.exec(new String[] {"a"}, null);
          r.exec("a", null, new File(".")); r.exec(new String[] {"a"}, null, new File("."));
          System.exit(1); r.exit(1); r.halt(1);
          Executors.newCachedThreadPool(); Executors.newSingleThreadExecutor(); new ForkJoinPool();
          new ScheduledThreadPoolExecutor(1); new java.util.Timer();
          CompletableFuture.supplyAsync(() -> 1); CompletableFuture.runAsync(() -> {});
          CompletableFuture.supplyAsync(() -> 1, e);
          synchronized (o) { o.notify(); }
        }
      }
      """;

  /** Every call to Hooks in the woven class: name + descriptor. */
  /** The classes whose wrappers woven code calls, by internal name. */
  private static final Map<String, Class<?>> WRAPPERS =
      Map.of(
          "dev/workshop/probe/weave/Hooks", Hooks.class,
          "dev/workshop/probe/weave/BlockingHooks", BlockingHooks.class,
          "dev/workshop/probe/weave/ProcessHooks", ProcessHooks.class);

  private static List<String> hookCalls(byte[] woven) {
    List<String> calls = new ArrayList<>();
    new ClassReader(woven)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public void visitMethodInsn(
                      int opcode, String owner, String n, String d, boolean itf) {
                    if (WRAPPERS.containsKey(owner)) calls.add(owner + " " + n + d);
                  }
                };
              }
            },
            0);
    return calls;
  }

  @Test
  void everyCallIsReplacedByAHookThatExists() throws Exception {
    Path classes = Javac.compile(dir.resolve("classes"), Map.of("Everything", EVERYTHING), false);
    byte[] woven;
    try (WeavingClassLoader loader = new WeavingClassLoader(classes, getClass().getClassLoader())) {
      woven =
          new Weaver(loader)
              .weave(Files.readAllBytes(classes.resolve("Everything.class")), "Everything");
      // Loading and initialising verifies the woven class.
      Class.forName("Everything", true, loader);
      Class.forName("Everything$MyTask", true, loader);
    }
    Set<String> hooks = new TreeSet<>();
    for (Map.Entry<String, Class<?>> wrapper : WRAPPERS.entrySet()) {
      for (Method m : wrapper.getValue().getMethods()) {
        if (Modifier.isStatic(m.getModifiers()))
          hooks.add(wrapper.getKey() + " " + m.getName() + Type.getMethodDescriptor(m));
      }
    }
    List<String> calls = new ArrayList<>();
    for (String call : hookCalls(woven)) {
      assertTrue(hooks.contains(call), call + " is not a public static method of its hook class");
      calls.add(call.substring(call.indexOf(' ') + 1));
    }
    List<String> expected =
        List.of(
            "sleep(JI)V",
            "sleep(JII)V",
            "start(Ljava/lang/Thread;I)V",
            "run(Ljava/lang/Thread;I)V",
            "join(Ljava/lang/Thread;I)V",
            "join(Ljava/lang/Thread;JI)V",
            "join(Ljava/lang/Thread;JII)V",
            "objectWait(Ljava/lang/Object;I)V",
            "objectWait(Ljava/lang/Object;JI)V",
            "objectWait(Ljava/lang/Object;JII)V",
            "get(Ljava/util/concurrent/Future;I)Ljava/lang/Object;",
            "get(Ljava/util/concurrent/Future;JLjava/util/concurrent/TimeUnit;I)Ljava/lang/Object;",
            "join(Ljava/util/concurrent/CompletableFuture;I)Ljava/lang/Object;",
            "join(Ljava/util/concurrent/ForkJoinTask;I)Ljava/lang/Object;",
            "await(Ljava/util/concurrent/CountDownLatch;I)V",
            "await(Ljava/util/concurrent/CyclicBarrier;I)I",
            "await(Ljava/util/concurrent/locks/Condition;I)V",
            "acquire(Ljava/util/concurrent/Semaphore;II)V",
            "acquireUninterruptibly(Ljava/util/concurrent/Semaphore;I)V",
            "lock(Ljava/util/concurrent/locks/Lock;I)V",
            "lockInterruptibly(Ljava/util/concurrent/locks/Lock;I)V",
            "waitFor(Ljava/lang/Process;I)I",
            "take(Ljava/util/concurrent/BlockingQueue;I)Ljava/lang/Object;",
            "put(Ljava/util/concurrent/BlockingQueue;Ljava/lang/Object;I)V",
            "awaitTermination(Ljava/util/concurrent/ExecutorService;JLjava/util/concurrent/TimeUnit;I)Z",
            "start(Ljava/lang/ProcessBuilder;I)Ljava/lang/Process;",
            "exec(Ljava/lang/Runtime;Ljava/lang/String;[Ljava/lang/String;Ljava/io/File;I)Ljava/lang/Process;",
            "exec(Ljava/lang/Runtime;[Ljava/lang/String;[Ljava/lang/String;Ljava/io/File;I)Ljava/lang/Process;",
            "exit(II)V",
            "exit(Ljava/lang/Runtime;II)V",
            "halt(Ljava/lang/Runtime;II)V",
            "executorCreated(Ljava/lang/String;I)V",
            "asyncStarted(Ljava/lang/String;I)V",
            "monitorEnter(Ljava/lang/Object;I)V",
            "monitorEntered(I)V",
            "enter(I)V");
    for (String e : expected) assertTrue(calls.contains(e), e + " in " + calls);
    assertEquals(
        6,
        calls.stream().filter(c -> c.startsWith("exec(")).count(),
        "every Runtime.exec overload");
    assertEquals(
        5, calls.stream().filter(c -> c.startsWith("executorCreated")).count(), "pools and timers");
    assertEquals(
        2,
        calls.stream().filter(c -> c.startsWith("asyncStarted")).count(),
        "not the one with an executor");
    assertEquals(
        4, calls.stream().filter(c -> c.startsWith("lock")).count(), "Lock and ReentrantLock");
    assertEquals(6, calls.stream().filter(c -> c.startsWith("get(")).count(), "any Future's get");
  }

  @Test
  void theEnteredHookRunsInsideTheBlocksCatchAnyRange() throws Exception {
    // HotSpot compiles a method only when every call made while a monitor is held is covered by a
    // handler that releases it; a hook outside that range would leave the method interpreted.
    Path classes =
        Javac.compile(
            dir.resolve("classes"),
            Map.of("Everything", EVERYTHING, "Monitors", WeaverTest.MONITORS),
            false);
    for (String name : List.of("Everything", "Monitors")) {
      byte[] woven = new Weaver().weave(Files.readAllBytes(classes.resolve(name + ".class")), name);
      int[] checked = {0};
      new ClassReader(woven)
          .accept(
              new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(
                    int access, String n, String d, String sig, String[] ex) {
                  return new MethodVisitor(Opcodes.ASM9) {
                    private final Set<org.objectweb.asm.Label> starts = new java.util.HashSet<>();
                    private final Set<org.objectweb.asm.Label> ends = new java.util.HashSet<>();
                    private int open;

                    @Override
                    public void visitTryCatchBlock(
                        org.objectweb.asm.Label start,
                        org.objectweb.asm.Label end,
                        org.objectweb.asm.Label handler,
                        String type) {
                      if (type == null) {
                        starts.add(start);
                        ends.add(end);
                      }
                    }

                    @Override
                    public void visitLabel(org.objectweb.asm.Label label) {
                      if (ends.contains(label)) open--;
                      if (starts.contains(label)) open++;
                    }

                    @Override
                    public void visitMethodInsn(
                        int opcode, String owner, String m, String desc, boolean itf) {
                      if (m.equals("monitorEntered")) {
                        assertTrue(
                            open > 0,
                            name + "." + n + ": monitorEntered outside a catch-any range");
                        checked[0]++;
                      }
                    }
                  };
                }
              },
              0);
      assertTrue(checked[0] > 0, name);
    }
  }

  static final String SNEAKY =
      """
      import dev.workshop.runtime.instrument.Instrumentation;

      public class Sneaky {
        public static Object probe() throws Exception {
          return Class.forName("dev.workshop.probe.Probe");
        }

        public static Object listener() {
          return Instrumentation.listener();
        }

        public static String unsafe() {
          return "sun.misc.Unsafe";
        }
      }
      """;

  @Test
  void forbiddenReferencesAreFound() throws Exception {
    Path classes =
        Javac.compile(
            dir.resolve("classes"), Map.of("Sneaky", SNEAKY, "Fib", WeaverTest.FIB), false);
    List<String> found =
        ClassScan.forbiddenReferences(Files.readAllBytes(classes.resolve("Sneaky.class")));
    for (String f :
        List.of(
            "Sneaky refers to dev.workshop.probe.Probe",
            "Sneaky refers to dev.workshop.runtime.instrument.Instrumentation",
            "Sneaky refers to sun.misc.Unsafe")) {
      assertTrue(found.contains(f), f + " in " + found);
    }
    assertEquals(
        List.of(), ClassScan.forbiddenReferences(Files.readAllBytes(classes.resolve("Fib.class"))));
    byte[] woven = new Weaver().weave(Files.readAllBytes(classes.resolve("Fib.class")), "Fib");
    assertTrue(
        !ClassScan.forbiddenReferences(woven).isEmpty(),
        "woven code names the hooks: check the class as compiled");
    assertEquals(
        "Sneaky.java", ClassScan.sourceFile(Files.readAllBytes(classes.resolve("Sneaky.class"))));
  }

  static final String CHATTY =
      """
      public class Chatty {
        public static String talk() {
          return "I never use sun.misc.Unsafe; see dev.workshop.probes for how I was tested, or sun.misc.UnsafeThings";
        }
      }
      """;

  @Test
  void aSentenceThatMentionsAForbiddenNameIsNotAReference() throws Exception {
    Path classes = Javac.compile(dir.resolve("classes"), Map.of("Chatty", CHATTY), false);
    assertEquals(
        List.of(),
        ClassScan.forbiddenReferences(Files.readAllBytes(classes.resolve("Chatty.class"))));
  }
}
