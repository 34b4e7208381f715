package dev.workshop.probe.weave;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * What a class file says before it is woven or loaded: the source file it was compiled from, and
 * the references to the verifier's own classes that no solution should make.
 */
public final class ClassScan {
  private ClassScan() {}

  /** Prefixes of names a solution must not refer to (internal form), and what they are. */
  private static final String[][] FORBIDDEN = {
    {"dev/workshop/runtime/instrument/", "dev.workshop.runtime.instrument."},
    {"dev/workshop/probe/", "dev.workshop.probe."},
    {"sun/misc/Unsafe", "sun.misc.Unsafe"},
  };

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
}
