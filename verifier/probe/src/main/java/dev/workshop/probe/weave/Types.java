package dev.workshop.probe.weave;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the weaver needs to know about the types a woven class names, found without loading any
 * class of the solution: a learner's class is read as bytes from {@code source}; a JDK class is
 * looked up in the platform class loader (loading a JDK class runs no learner code).
 */
final class Types {
  private static final Info UNKNOWN = new Info(null, null, new String[0], Map.of());

  private final ClassLoader source;
  private final Map<String, Info> infos = new ConcurrentHashMap<>();

  /** @param source where to read class files of non-JDK types; {@code null}: JDK types only */
  Types(ClassLoader source) {
    this.source = source;
  }

  private record Info(
      Class<?> jdk, String superName, String[] interfaces, Map<String, Integer> methods) {}

  static boolean isJdk(String internalName) {
    return internalName.startsWith("java/")
        || internalName.startsWith("javax/")
        || internalName.startsWith("jdk/")
        || internalName.startsWith("sun/")
        || internalName.startsWith("com/sun/");
  }

  private Info info(String name) {
    Info i = infos.get(name);
    if (i == null) {
      i = read(name);
      infos.put(name, i);
    }
    return i;
  }

  private Info read(String name) {
    if (name.startsWith("[")) return UNKNOWN;
    if (isJdk(name)) {
      Class<?> c = jdk(name);
      return c == null ? UNKNOWN : new Info(c, null, new String[0], Map.of());
    }
    if (source == null) return UNKNOWN;
    byte[] bytes;
    try (InputStream in = source.getResourceAsStream(name + ".class")) {
      if (in == null) return UNKNOWN;
      bytes = in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      return UNKNOWN;
    }
    try {
      ClassReader r = new ClassReader(bytes);
      Map<String, Integer> methods = new HashMap<>();
      r.accept(
          new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(
                int access, String n, String d, String sig, String[] ex) {
              methods.put(n + d, access);
              return null;
            }
          },
          ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return new Info(null, r.getSuperName(), r.getInterfaces(), methods);
    } catch (RuntimeException e) {
      return UNKNOWN;
    }
  }

  private static Class<?> jdk(String internalName) {
    try {
      return Class.forName(
          internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** Whether {@code type} is {@code target} or extends or implements it (target: a JDK type). */
  boolean isSubtype(String type, String target) {
    return isSubtype(type, target, 0);
  }

  private boolean isSubtype(String type, String target, int depth) {
    if (type.equals(target)) return true;
    if (depth > 64) return false; // a cycle in malformed class files
    Info i = info(type);
    if (i.jdk != null) {
      Class<?> t = jdk(target);
      return t != null && t.isAssignableFrom(i.jdk);
    }
    if (i.superName != null && isSubtype(i.superName, target, depth + 1)) return true;
    for (String itf : i.interfaces) {
      if (isSubtype(itf, target, depth + 1)) return true;
    }
    return false;
  }

  /**
   * The access flags of {@code name + desc} as first declared by a non-JDK class on the way from
   * {@code type} up its superclasses; -1 when none declares it (the JDK's method is the one).
   */
  int declaredOutsideJdk(String type, String name, String desc) {
    String t = type;
    for (int depth = 0; t != null && depth < 64; depth++) {
      Info i = info(t);
      if (i.jdk != null || i == UNKNOWN) return -1;
      Integer access = i.methods.get(name + desc);
      if (access != null) return access;
      t = i.superName;
    }
    return -1;
  }
}
