package dev.workshop.probe.weave;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
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
              // Never called with COMPUTE_MAXS; and a learner's class is never loaded to answer.
              return "java/lang/Object";
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
        Rules.Rule r = Rules.match(types, opcode, owner, name, desc);
        if (r == null) {
          super.visitMethodInsn(opcode, owner, name, desc, itf);
          return;
        }
        int site = knownSite >= 0 ? knownSite : site();
        if (r.insertsBefore()) {
          mv.visitLdcInsn(r.what());
          push(mv, site);
          mv.visitMethodInsn(
              Opcodes.INVOKESTATIC, HOOKS, r.hook(), "(Ljava/lang/String;I)V", false);
          super.visitMethodInsn(opcode, owner, name, desc, itf);
        } else {
          push(mv, site);
          mv.visitMethodInsn(Opcodes.INVOKESTATIC, r.hooks(), r.hook(), r.hookDesc(), false);
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
        if (Rules.match(types, opcode, h.getOwner(), h.getName(), h.getDesc()) == null) return null;
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
