package dev.workshop.probe.weave;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Instruments a solution's class files so that {@link Hooks} hear, exactly and at the learner's
 * line, which threads run which methods, which threads, pools and processes the code starts, and
 * where it blocks. See {@code docs/verifier.md}, "Exact events: the weaver", for the list.
 *
 * <p>The weaver only adds calls in straight-line code (no branch, no exception handler, no new
 * local), so the class's stack map frames stay valid as they are and no class is ever loaded to
 * compute one. Thread-safe: one weaver may weave on several threads at once.
 */
public final class Weaver {
  private static final String HOOKS = "dev/workshop/probe/weave/Hooks";

  /** Prefixes of names a solution must not refer to (internal form), and what they are. */
  private static final String[][] FORBIDDEN = {
    {"dev/workshop/runtime/instrument/", "dev.workshop.runtime.instrument."},
    {"dev/workshop/probe/", "dev.workshop.probe."},
    {"sun/misc/Unsafe", "sun.misc.Unsafe"},
  };

  private final Types types;

  /** A weaver that knows the JDK's types only: a learner's {@code Worker extends Thread} is not a Thread to it. */
  public Weaver() {
    this(null);
  }

  /**
   * @param typeSource where to read the class files of non-JDK types the woven code names (the
   *     solution's own loader), to tell that a learner's {@code Worker extends Thread} is a
   *     Thread; they are read as bytes, never loaded. {@code null}: JDK types only.
   */
  public Weaver(ClassLoader typeSource) {
    this.types = new Types(typeSource);
  }

  /**
   * Weaves one class file.
   *
   * @param classFile the class file's bytes (not modified)
   * @param className the binary name the class loader expects, {@code Main$Worker}
   * @return the woven class file, or {@code classFile} itself (the same array) when the class is
   *     not woven: a module or package descriptor, a class whose name is not {@code className},
   *     a class file ASM cannot read, or one whose woven form would be too large (a method over
   *     64 KiB of code, a constant pool over 65535 entries). Never throws for odd input.
   */
  public byte[] weave(byte[] classFile, String className) {
    try {
      ClassReader reader = new ClassReader(classFile);
      if (!reader.getClassName().equals(className.replace('.', '/'))) return classFile;
      if ((reader.getAccess() & Opcodes.ACC_MODULE) != 0) return classFile;
      ClassWriter writer =
          new ClassWriter(reader, ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
              return "java/lang/Object"; // never called with COMPUTE_MAXS; never load a learner
              // class
            }
          };
      Map<String, BitSet> monitors = new HashMap<>();
      reader.accept(new MonitorScan(monitors), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      reader.accept(new ClassWeaver(writer, monitors), 0);
      return writer.toByteArray();
    } catch (RuntimeException | StackOverflowError e) {
      // MethodTooLargeException, ClassTooLargeException, malformed or too new class files
      return classFile;
    }
  }

  /**
   * The references a class makes that no solution should make: to the verifier's probe
   * ({@code dev.workshop.probe}), to the runtime's instrumentation
   * ({@code dev.workshop.runtime.instrument}) or to {@code sun.misc.Unsafe}, found anywhere in
   * its constant pool: a type, a method or field owner, a descriptor, or a string constant (as
   * in {@code Class.forName("dev.workshop.probe.Probe")}). Call it on the class file as compiled,
   * not on woven bytes (woven code refers to {@link Hooks}).
   *
   * @return one entry per distinct reference, {@code "Main refers to dev.workshop.probe.Probe"};
   *     empty when there is none or the bytes are not a class file
   */
  public static List<String> forbiddenReferences(byte[] classFile) {
    Set<String> found = new LinkedHashSet<>();
    String name;
    ClassReader reader;
    try {
      reader = new ClassReader(classFile);
      name = reader.getClassName().replace('/', '.');
    } catch (RuntimeException e) {
      return List.of();
    }
    try {
      for (int i = 1; i < reader.getItemCount(); i++) {
        int offset = reader.getItem(i);
        if (offset == 0 || offset > classFile.length || classFile[offset - 1] != 1)
          continue; // CONSTANT_Utf8
        String s =
            new DataInputStream(
                    new ByteArrayInputStream(classFile, offset, classFile.length - offset))
                .readUTF();
        for (String[] f : FORBIDDEN) {
          int at = named(s, f[0]);
          if (at < 0) at = named(s, f[1]);
          if (at >= 0) found.add(name + " refers to " + referenced(s, at));
        }
      }
    } catch (IOException | RuntimeException e) {
      // a truncated constant pool: report what was found so far
    }
    return List.copyOf(found);
  }

  /**
   * Where {@code s} names {@code name} as code does: as the whole constant or the start of it
   * ({@code sun.misc.Unsafe}, a {@code Class.forName} argument), or inside a descriptor or
   * signature ({@code (Lsun/misc/Unsafe;)V}); not in the middle of a sentence in a string, and not
   * as the start of a longer name ({@code sun.misc.UnsafeThings}). -1 when it does not.
   */
  private static int named(String s, String name) {
    for (int at = s.indexOf(name); at >= 0; at = s.indexOf(name, at + 1)) {
      char before = at == 0 ? '(' : s.charAt(at - 1);
      int end = at + name.length();
      char after = end < s.length() ? s.charAt(end) : ';';
      boolean starts = "L([<;)".indexOf(before) >= 0;
      boolean ends =
          name.endsWith("/") || name.endsWith(".") || !Character.isJavaIdentifierPart(after);
      if (starts && ends) return at;
    }
    return -1;
  }

  /** The source file a class file says it was compiled from ({@code Main.java}), or empty. */
  public static String sourceFile(byte[] classFile) {
    try {
      String[] source = {""};
      new ClassReader(classFile)
          .accept(
              new org.objectweb.asm.ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String file, String debug) {
                  if (file != null) source[0] = file;
                }
              },
              ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
      return source[0];
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** The dotted name starting at {@code at}, up to the end of the identifier. */
  private static String referenced(String s, int at) {
    int end = at;
    while (end < s.length()) {
      char c = s.charAt(end);
      if (c != '/' && c != '.' && c != '$' && !Character.isJavaIdentifierPart(c)) break;
      end++;
    }
    return s.substring(at, end).replace('/', '.');
  }

  // -----------------------------------------------------------------------------------------------
  // What is replaced

  /** One learner call the weaver rewrites. */
  private record Rule(
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
    RULES
        .computeIfAbsent(name, k -> new ArrayList<>())
        .add(new Rule(isStatic, target, name, desc, hook, null));
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
    replace(true, thread, "sleep", "(J)V", "sleep");
    replace(true, thread, "sleep", "(JI)V", "sleep");
    replace(false, thread, "start", "()V", "start");
    replace(false, thread, "run", "()V", "run");
    replace(false, thread, "join", "()V", "join");
    replace(false, thread, "join", "(J)V", "join");
    replace(false, thread, "join", "(JI)V", "join");
    replace(false, null, "wait", "()V", "objectWait"); // Object.wait is final: any receiver
    replace(false, null, "wait", "(J)V", "objectWait");
    replace(false, null, "wait", "(JI)V", "objectWait");
    replace(false, cu + "Future", "get", "()Ljava/lang/Object;", "get");
    replace(false, cu + "Future", "get", "(J" + tu + ")Ljava/lang/Object;", "get");
    replace(false, cu + "CompletableFuture", "join", "()Ljava/lang/Object;", "join");
    replace(false, cu + "ForkJoinTask", "join", "()Ljava/lang/Object;", "join");
    replace(false, cu + "CountDownLatch", "await", "()V", "await");
    replace(false, cu + "CountDownLatch", "await", "(J" + tu + ")Z", "await");
    replace(false, cu + "CyclicBarrier", "await", "()I", "await");
    replace(false, cu + "CyclicBarrier", "await", "(J" + tu + ")I", "await");
    replace(false, cu + "locks/Condition", "await", "()V", "await");
    replace(false, cu + "locks/Condition", "await", "(J" + tu + ")Z", "await");
    replace(false, cu + "Semaphore", "acquire", "()V", "acquire");
    replace(false, cu + "Semaphore", "acquire", "(I)V", "acquire");
    replace(false, cu + "Semaphore", "acquireUninterruptibly", "()V", "acquireUninterruptibly");
    replace(false, cu + "Semaphore", "acquireUninterruptibly", "(I)V", "acquireUninterruptibly");
    replace(false, cu + "locks/Lock", "lock", "()V", "lock");
    replace(false, cu + "locks/Lock", "lockInterruptibly", "()V", "lockInterruptibly");
    replace(false, "java/lang/Process", "waitFor", "()I", "waitFor");
    replace(false, "java/lang/Process", "waitFor", "(J" + tu + ")Z", "waitFor");
    replace(false, cu + "BlockingQueue", "take", "()Ljava/lang/Object;", "take");
    replace(false, cu + "BlockingQueue", "put", "(Ljava/lang/Object;)V", "put");
    replace(
        false, cu + "ExecutorService", "awaitTermination", "(J" + tu + ")Z", "awaitTermination");
    replace(false, "java/lang/ProcessBuilder", "start", "()Ljava/lang/Process;", "start");
    String s = "Ljava/lang/String;";
    String sa = "[Ljava/lang/String;";
    String proc = "Ljava/lang/Process;";
    String file = "Ljava/io/File;";
    for (String args : new String[] {s, sa, s + sa, sa + sa, s + sa + file, sa + sa + file}) {
      replace(false, "java/lang/Runtime", "exec", "(" + args + ")" + proc, "exec");
    }
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

  /** The rule for a call, or {@code null} to leave it alone. */
  private Rule match(int opcode, String owner, String name, String desc) {
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

  // -----------------------------------------------------------------------------------------------
  // The class and method visitors

  private static void push(MethodVisitor mv, int value) {
    if (value <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value <= Byte.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.BIPUSH, value);
    } else if (value <= Short.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }

  /** A method reference to a rewritten call becomes a reference to a small static bridge. */
  private record Bridge(String name, String desc, Handle original, int site) {}

  /**
   * The first pass: for each method (name + descriptor), which of its {@code monitorenter}s (by
   * order) open a block as javac lays one out: the next instruction starts a catch-any range, and
   * no jump lands there. Only those get the lock-wait hooks.
   */
  private static final class MonitorScan extends ClassVisitor {
    private final Map<String, BitSet> safe;

    MonitorScan(Map<String, BitSet> safe) {
      super(Opcodes.ASM9);
      this.safe = safe;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String desc, String signature, String[] exceptions) {
      return new MethodVisitor(Opcodes.ASM9) {
        private final Set<Label> catchAnyStarts = new HashSet<>();
        private final Set<Label> targets = new HashSet<>();
        private final List<Label> after =
            new ArrayList<>(); // per monitorenter, the label right after it
        private boolean justEntered;

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
          if (type == null) catchAnyStarts.add(start);
        }

        @Override
        public void visitLabel(Label label) {
          if (justEntered) after.set(after.size() - 1, label);
          justEntered = false;
        }

        private void instruction() {
          justEntered = false;
        }

        @Override
        public void visitInsn(int opcode) {
          instruction();
          if (opcode == Opcodes.MONITORENTER) {
            after.add(null);
            justEntered = true;
          }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
          instruction();
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
          instruction();
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
          instruction();
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
          instruction();
        }

        @Override
        public void visitMethodInsn(
            int opcode, String owner, String name, String descriptor, boolean isInterface) {
          instruction();
        }

        @Override
        public void visitInvokeDynamicInsn(
            String name, String descriptor, Handle bsm, Object... args) {
          instruction();
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
          instruction();
          targets.add(label);
        }

        @Override
        public void visitLdcInsn(Object value) {
          instruction();
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
          instruction();
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
          instruction();
          targets.add(dflt);
          targets.addAll(List.of(labels));
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
          instruction();
          targets.add(dflt);
          targets.addAll(List.of(labels));
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
          instruction();
        }

        @Override
        public void visitEnd() {
          BitSet ok = new BitSet();
          for (int i = 0; i < after.size(); i++) {
            Label l = after.get(i);
            if (l != null && catchAnyStarts.contains(l) && !targets.contains(l)) ok.set(i);
          }
          if (!ok.isEmpty()) safe.put(name + desc, ok);
        }
      };
    }
  }

  private final class ClassWeaver extends ClassVisitor {
    private String className;
    private String fileName;
    private boolean isInterface;
    private boolean isSynthetic;
    private final List<Bridge> bridges = new ArrayList<>();
    private final Map<String, BitSet> monitors;

    ClassWeaver(ClassVisitor next, Map<String, BitSet> monitors) {
      super(Opcodes.ASM9, next);
      this.monitors = monitors;
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      className = name.replace('/', '.');
      isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
      isSynthetic = (access & Opcodes.ACC_SYNTHETIC) != 0; // a switch map holder: no learner code
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
      fileName = source;
      super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String desc, String signature, String[] exceptions) {
      MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
      if (mv == null) return null;
      // Bridges and other synthetic methods (not lambdas) are the compiler's, not the learner's.
      boolean entry =
          !isSynthetic
              && ((access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) == 0
                  || name.startsWith("lambda$"));
      return new MethodWeaver(mv, name, entry, monitors.getOrDefault(name + desc, new BitSet()));
    }

    @Override
    public void visitEnd() {
      for (Bridge b : bridges) {
        int access = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        MethodVisitor mv =
            new MethodWeaver(
                super.visitMethod(access, b.name, b.desc, null, null), b.name, false, new BitSet());
        mv.visitCode();
        int slot = 0;
        for (Type t : Type.getArgumentTypes(b.desc)) {
          mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
          slot += t.getSize();
        }
        Handle h = b.original;
        int opcode =
            h.getTag() == Opcodes.H_INVOKESTATIC
                ? Opcodes.INVOKESTATIC
                : h.getTag() == Opcodes.H_INVOKEINTERFACE
                    ? Opcodes.INVOKEINTERFACE
                    : Opcodes.INVOKEVIRTUAL;
        ((MethodWeaver) mv)
            .call(opcode, h.getOwner(), h.getName(), h.getDesc(), h.isInterface(), b.site);
        mv.visitInsn(Type.getReturnType(b.desc).getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
      }
      super.visitEnd();
    }

    private final class MethodWeaver extends MethodVisitor {
      private final String methodName;
      private final boolean entry;
      private final BitSet safeMonitors;
      private int line = -1;
      private int methodSite = -1;
      private int monitorEnters;

      /** The site of a monitorenter whose "entered" hook waits for the first instruction of its block. */
      private int entered = -1;

      MethodWeaver(MethodVisitor next, String methodName, boolean entry, BitSet safeMonitors) {
        super(Opcodes.ASM9, next);
        this.methodName = methodName;
        this.entry = entry;
        this.safeMonitors = safeMonitors;
      }

      /** Before any instruction: the pending "entered" hook, inside the block's catch-any range. */
      private void flush() {
        if (entered < 0) return;
        push(mv, entered);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "monitorEntered", "(I)V", false);
        entered = -1;
      }

      @Override
      public void visitIntInsn(int opcode, int operand) {
        flush();
        super.visitIntInsn(opcode, operand);
      }

      @Override
      public void visitVarInsn(int opcode, int varIndex) {
        flush();
        super.visitVarInsn(opcode, varIndex);
      }

      @Override
      public void visitTypeInsn(int opcode, String type) {
        flush();
        super.visitTypeInsn(opcode, type);
      }

      @Override
      public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        flush();
        super.visitFieldInsn(opcode, owner, name, descriptor);
      }

      @Override
      public void visitJumpInsn(int opcode, Label label) {
        flush();
        super.visitJumpInsn(opcode, label);
      }

      @Override
      public void visitLdcInsn(Object value) {
        flush();
        super.visitLdcInsn(value);
      }

      @Override
      public void visitIincInsn(int varIndex, int increment) {
        flush();
        super.visitIincInsn(varIndex, increment);
      }

      @Override
      public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        flush();
        super.visitTableSwitchInsn(min, max, dflt, labels);
      }

      @Override
      public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        flush();
        super.visitLookupSwitchInsn(dflt, keys, labels);
      }

      @Override
      public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        flush();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
      }

      private int site() {
        return Sites.add(new Site(className, methodName, fileName, line));
      }

      @Override
      public void visitCode() {
        super.visitCode();
        if (entry) {
          methodSite = site();
          push(mv, methodSite);
          mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "enter", "(I)V", false);
        }
      }

      @Override
      public void visitLineNumber(int line, Label start) {
        super.visitLineNumber(line, start);
        if (this.line == -1 && methodSite >= 0) {
          Sites.set(methodSite, new Site(className, methodName, fileName, line));
        }
        this.line = line;
      }

      @Override
      public void visitInsn(int opcode) {
        flush();
        if (opcode != Opcodes.MONITORENTER || !safeMonitors.get(monitorEnters++)) {
          super.visitInsn(opcode);
          return;
        }
        // [monitor] -> [monitor monitor] -> monitorEnter hook -> monitorenter -> []. The "entered"
        // hook goes after the label that opens the block's catch-any range: a call there may
        // throw, and HotSpot compiles a method only if every throw while a monitor is held is
        // caught by a handler that releases it (else the method runs interpreted).
        int site = site();
        mv.visitInsn(Opcodes.DUP);
        push(mv, site);
        mv.visitMethodInsn(
            Opcodes.INVOKESTATIC, HOOKS, "monitorEnter", "(Ljava/lang/Object;I)V", false);
        mv.visitInsn(Opcodes.MONITORENTER);
        entered = site;
      }

      @Override
      public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        flush();
        call(opcode, owner, name, desc, itf, -1);
      }

      void call(int opcode, String owner, String name, String desc, boolean itf, int knownSite) {
        Rule r = match(opcode, owner, name, desc);
        if (r == null) {
          super.visitMethodInsn(opcode, owner, name, desc, itf);
          return;
        }
        int site = knownSite >= 0 ? knownSite : site();
        if (r.insertsBefore()) {
          mv.visitLdcInsn(r.what);
          push(mv, site);
          mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, r.hook, "(Ljava/lang/String;I)V", false);
          super.visitMethodInsn(opcode, owner, name, desc, itf);
        } else {
          push(mv, site);
          mv.visitMethodInsn(Opcodes.INVOKESTATIC, r.hooks, r.hook, r.hookDesc(), false);
        }
      }

      @Override
      public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
        flush();
        if (bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")
            && bsm.getName().equals("metafactory")) {
          for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Handle h) {
              Handle b = bridge(h);
              if (b != null) args[i] = b;
            }
          }
        }
        super.visitInvokeDynamicInsn(name, desc, bsm, args);
      }

      /** {@code Thread::start} and the like: the same reference, through a woven bridge. */
      private Handle bridge(Handle h) {
        int opcode;
        switch (h.getTag()) {
          case Opcodes.H_INVOKESTATIC:
            opcode = Opcodes.INVOKESTATIC;
            break;
          case Opcodes.H_INVOKEVIRTUAL:
            opcode = Opcodes.INVOKEVIRTUAL;
            break;
          case Opcodes.H_INVOKEINTERFACE:
            opcode = Opcodes.INVOKEINTERFACE;
            break;
          default:
            return null;
        }
        if (match(opcode, h.getOwner(), h.getName(), h.getDesc()) == null) return null;
        String desc =
            opcode == Opcodes.INVOKESTATIC
                ? h.getDesc()
                : "(L" + h.getOwner() + ";" + h.getDesc().substring(1);
        String name = "weave$ref$" + bridges.size();
        bridges.add(new Bridge(name, desc, h, site()));
        return new Handle(
            Opcodes.H_INVOKESTATIC, className.replace('.', '/'), name, desc, isInterface);
      }
    }
  }
}
