package dev.workshop.probe.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;

/**
 * Which calls the {@link Weaver} rewrites, and into which hook: a blocking call into its
 * {@link BlockingHooks} wrapper, a process start into {@link ProcessHooks}, a call a busy wait
 * repeats into {@link PollHooks}, the rest (threads, exits, pools) into {@link Hooks}. See
 * {@code docs/verifier.md}, "Exact events: the weaver", for the list.
 */
final class Rules {
  private static final String HOOKS = "dev/workshop/probe/weave/Hooks";
  private static final String BLOCKING = "dev/workshop/probe/weave/BlockingHooks";
  private static final String PROCESS = "dev/workshop/probe/weave/ProcessHooks";
  private static final String DNS = "dev/workshop/probe/weave/DnsHooks";

  private Rules() {}

  /** One learner call the weaver rewrites. */
  record Rule(
      boolean isStatic,
      String target,
      String name,
      String desc,
      String hook,
      String what,
      String hooks) {
    Rule(boolean isStatic, String target, String name, String desc, String hook, String what) {
      this(isStatic, target, name, desc, hook, what, HOOKS);
    }

    /** A replacement: the same call, through {@code Hooks.hook}, with the site last. */
    String hookDesc() {
      String params = desc.substring(1, desc.indexOf(')'));
      String ret = desc.substring(desc.indexOf(')') + 1);
      String receiver = isStatic ? "" : "L" + (target == null ? "java/lang/Object" : target) + ";";
      return "(" + receiver + params + "I)" + ret;
    }

    boolean insertsBefore() {
      return what != null;
    }
  }

  private static final Map<String, List<Rule>> RULES = new HashMap<>();

  private static void replace(
      boolean isStatic, String target, String name, String desc, String hook) {
    replace(isStatic, target, name, desc, hook, HOOKS);
  }

  /** A call replaced by the wrapper {@code hook} of the class {@code hooks}. */
  private static void replace(
      boolean isStatic, String target, String name, String desc, String hook, String hooks) {
    RULES
        .computeIfAbsent(name, k -> new ArrayList<>())
        .add(new Rule(isStatic, target, name, desc, hook, null, hooks));
  }

  /** A call that a busy wait makes over and over: replaced by its {@link PollHooks} twin. */
  private static void poll(boolean isStatic, String target, String name, String desc) {
    RULES
        .computeIfAbsent(name, k -> new ArrayList<>())
        .add(
            new Rule(
                isStatic, target, name, desc, name, null, "dev/workshop/probe/weave/PollHooks"));
  }

  static {
    String thread = "java/lang/Thread";
    String cu = "java/util/concurrent/";
    String tu = "Ljava/util/concurrent/TimeUnit;";
    replace(true, thread, "sleep", "(J)V", "sleep", BLOCKING);
    replace(true, thread, "sleep", "(JI)V", "sleep", BLOCKING);
    replace(false, thread, "start", "()V", "start");
    replace(false, thread, "run", "()V", "run");
    replace(false, thread, "join", "()V", "join", BLOCKING);
    replace(false, thread, "join", "(J)V", "join", BLOCKING);
    replace(false, thread, "join", "(JI)V", "join", BLOCKING);
    replace(
        false, null, "wait", "()V", "objectWait", BLOCKING); // Object.wait is final: any receiver
    replace(false, null, "wait", "(J)V", "objectWait", BLOCKING);
    replace(false, null, "wait", "(JI)V", "objectWait", BLOCKING);
    replace(false, cu + "Future", "get", "()Ljava/lang/Object;", "get", BLOCKING);
    replace(false, cu + "Future", "get", "(J" + tu + ")Ljava/lang/Object;", "get", BLOCKING);
    replace(false, cu + "CompletableFuture", "join", "()Ljava/lang/Object;", "join", BLOCKING);
    replace(false, cu + "ForkJoinTask", "join", "()Ljava/lang/Object;", "join", BLOCKING);
    replace(false, cu + "CountDownLatch", "await", "()V", "await", BLOCKING);
    replace(false, cu + "CountDownLatch", "await", "(J" + tu + ")Z", "await", BLOCKING);
    replace(false, cu + "CyclicBarrier", "await", "()I", "await", BLOCKING);
    replace(false, cu + "CyclicBarrier", "await", "(J" + tu + ")I", "await", BLOCKING);
    replace(false, cu + "locks/Condition", "await", "()V", "await", BLOCKING);
    replace(false, cu + "locks/Condition", "await", "(J" + tu + ")Z", "await", BLOCKING);
    replace(false, cu + "Semaphore", "acquire", "()V", "acquire", BLOCKING);
    replace(false, cu + "Semaphore", "acquire", "(I)V", "acquire", BLOCKING);
    replace(
        false,
        cu + "Semaphore",
        "acquireUninterruptibly",
        "()V",
        "acquireUninterruptibly",
        BLOCKING);
    replace(
        false,
        cu + "Semaphore",
        "acquireUninterruptibly",
        "(I)V",
        "acquireUninterruptibly",
        BLOCKING);
    replace(false, cu + "locks/Lock", "lock", "()V", "lock", BLOCKING);
    replace(false, cu + "locks/Lock", "lockInterruptibly", "()V", "lockInterruptibly", BLOCKING);
    replace(false, "java/lang/Process", "waitFor", "()I", "waitFor", BLOCKING);
    replace(false, "java/lang/Process", "waitFor", "(J" + tu + ")Z", "waitFor", BLOCKING);
    replace(false, cu + "BlockingQueue", "take", "()Ljava/lang/Object;", "take", BLOCKING);
    replace(false, cu + "BlockingQueue", "put", "(Ljava/lang/Object;)V", "put", BLOCKING);
    replace(
        false,
        cu + "ExecutorService",
        "awaitTermination",
        "(J" + tu + ")Z",
        "awaitTermination",
        BLOCKING);
    replace(false, "java/lang/ProcessBuilder", "start", "()Ljava/lang/Process;", "start", PROCESS);
    String s = "Ljava/lang/String;";
    String sa = "[Ljava/lang/String;";
    String proc = "Ljava/lang/Process;";
    String file = "Ljava/io/File;";
    for (String args : new String[] {s, sa, s + sa, sa + sa, s + sa + file, sa + sa + file}) {
      replace(false, "java/lang/Runtime", "exec", "(" + args + ")" + proc, "exec", PROCESS);
    }
    // Blocking file reads: FileIoHooks times each one (exercise 10 names a read on main).
    String io = "dev/workshop/probe/weave/FileIoHooks";
    String path = "(Ljava/nio/file/Path;)";
    replace(true, "java/nio/file/Files", "readAllBytes", path + "[B", "readAllBytes", io);
    replace(true, "java/nio/file/Files", "readString", path + s, "readString", io);
    replace(
        true, "java/nio/file/Files", "readAllLines", path + "Ljava/util/List;", "readAllLines", io);
    String fc = "java/nio/channels/FileChannel";
    replace(false, fc, "read", "(Ljava/nio/ByteBuffer;)I", "read", io);
    replace(false, fc, "read", "(Ljava/nio/ByteBuffer;J)I", "read", io);
    replace(false, "java/io/FileInputStream", "read", "([B)I", "read", io);
    replace(false, "java/io/FileInputStream", "read", "([BII)I", "read", io);
    replace(false, "java/io/FileInputStream", "readAllBytes", "()[B", "readAllBytes", io);
    replace(false, "java/io/RandomAccessFile", "read", "([BII)I", "read", io);
    replace(false, "java/io/RandomAccessFile", "readFully", "([B)V", "readFully", io);
    String inet = "java/net/InetAddress";
    replace(true, inet, "getByName", "(Ljava/lang/String;)L" + inet + ";", "getByName", DNS);
    replace(true, inet, "getAllByName", "(Ljava/lang/String;)[L" + inet + ";", "getAllByName", DNS);
    // Plain shared-memory accesses: counted per call site and thread (SHARED MEMORY).
    String shared = "dev/workshop/probe/weave/SharedHooks";
    String buffer = "dev/workshop/runtime/SharedBuffer";
    replace(false, buffer, "get", "(I)J", "get", shared);
    replace(false, buffer, "set", "(IJ)V", "set", shared);
    String waitResult = ")Ldev/workshop/runtime/Atomics$WaitResult;";
    String atomics = "dev/workshop/runtime/Atomics";
    replace(true, atomics, "wait", "(L" + buffer + ";IJ" + waitResult, "wait", shared);
    replace(true, atomics, "wait", "(L" + buffer + ";IJJ" + waitResult, "wait", shared);
    replace(true, "java/lang/System", "exit", "(I)V", "exit");
    replace(false, "java/lang/Runtime", "exit", "(I)V", "exit");
    replace(false, "java/lang/Runtime", "halt", "(I)V", "halt");
    replace(false, "dev/workshop/runtime/EventLoop", "run", "()V", "run");
    poll(true, "java/lang/System", "nanoTime", "()J");
    poll(true, "java/lang/System", "currentTimeMillis", "()J");
    poll(true, "java/time/Instant", "now", "()Ljava/time/Instant;");
    poll(true, thread, "onSpinWait", "()V");
    poll(true, thread, "yield", "()V");
    poll(false, cu + "Future", "isDone", "()Z");
    poll(false, "java/time/Clock", "millis", "()J");
    poll(false, "java/time/Clock", "instant", "()Ljava/time/Instant;");
    poll(true, cu + "locks/LockSupport", "parkNanos", "(J)V");
    poll(true, cu + "locks/LockSupport", "parkNanos", "(Ljava/lang/Object;J)V");
    String cf = cu + "CompletableFuture";
    RULES
        .computeIfAbsent("supplyAsync", k -> new ArrayList<>())
        .add(
            new Rule(
                true,
                cf,
                "supplyAsync",
                "(Ljava/util/function/Supplier;)L" + cf + ";",
                "asyncStarted",
                "CompletableFuture.supplyAsync"));
    RULES
        .computeIfAbsent("runAsync", k -> new ArrayList<>())
        .add(
            new Rule(
                true,
                cf,
                "runAsync",
                "(Ljava/lang/Runnable;)L" + cf + ";",
                "asyncStarted",
                "CompletableFuture.runAsync"));
  }

  /** Pools whose constructor calls are reported ({@code new ThreadPoolExecutor(...)}). */
  private static final Map<String, String> POOLS =
      Map.of(
          "java/util/concurrent/ThreadPoolExecutor", "new ThreadPoolExecutor",
          "java/util/concurrent/ScheduledThreadPoolExecutor", "new ScheduledThreadPoolExecutor",
          "java/util/concurrent/ForkJoinPool", "new ForkJoinPool",
          "java/util/Timer", "new Timer");

  /**
   * The rule for a call, or {@code null} to leave it alone.
   *
   * @param types tells whether a learner's type is a subtype of the rule's target
   */
  static Rule match(Types types, int opcode, String owner, String name, String desc) {
    if (owner.startsWith("[")) return null;
    if (opcode == Opcodes.INVOKESTATIC
        && name.startsWith("new")
        && owner.equals("java/util/concurrent/Executors")) {
      return new Rule(true, owner, name, desc, "executorCreated", "Executors." + name);
    }
    if (opcode == Opcodes.INVOKESPECIAL) {
      String what = name.equals("<init>") ? POOLS.get(owner) : null;
      return what == null ? null : new Rule(false, owner, name, desc, "executorCreated", what);
    }
    List<Rule> rules = RULES.get(name);
    if (rules == null) return null;
    boolean isStatic = opcode == Opcodes.INVOKESTATIC;
    for (Rule r : rules) {
      if (r.isStatic != isStatic || !r.desc.equals(desc)) continue;
      if (r.target == null || owner.equals(r.target)) return r;
      if (r.insertsBefore() || !types.isSubtype(owner, r.target)) continue;
      int declared = types.declaredOutsideJdk(owner, name, desc);
      if (declared == -1) return r;
      // The learner's own method: a static one is not the JDK's; a virtual one dispatches alike.
      if (!isStatic && (declared & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0) return r;
    }
    return null;
  }
}
