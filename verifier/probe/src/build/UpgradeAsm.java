import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of the probe's jar (run after the shade plugin, see pom.xml): rewrites the relocated
 * ASM classes, which ASM ships as Java 5 class files (version 49), as Java 8 class files with stack
 * map frames. The JVM's class-data archive (CDS) skips every class older than Java 6, and every
 * class that extends one (the weaver's visitors): without this step the child JVM loads about 40
 * classes from the jar and verifies them the slow, old way on every run.
 *
 * <p>Usage: {@code java -cp <asm.jar> UpgradeAsm.java <jar> <package/prefix/>}
 */
public final class UpgradeAsm {
  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    String prefix = args[1];
    Map<String, byte[]> entries = new LinkedHashMap<>();
    Map<String, ZipEntry> meta = new HashMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
        meta.put(e.getName(), e);
      }
    }
    Map<String, String> supers = new HashMap<>();
    Map<String, Boolean> interfaces = new HashMap<>();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (!e.getKey().endsWith(".class")) continue;
      ClassReader r = new ClassReader(e.getValue());
      supers.put(r.getClassName(), r.getSuperName());
      interfaces.put(r.getClassName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0);
    }
    int upgraded = 0;
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (!e.getKey().startsWith(prefix) || !e.getKey().endsWith(".class")) continue;
      ClassReader r = new ClassReader(e.getValue());
      if (r.readUnsignedShort(6) >= Opcodes.V1_8) continue;
      ClassWriter w =
          new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
              if (isInterface(a) || isInterface(b)) return "java/lang/Object";
              List<String> chain = ancestors(a);
              for (String t = b; t != null; t = superOf(t)) {
                if (chain.contains(t)) return t;
              }
              return "java/lang/Object";
            }

            private boolean isInterface(String t) {
              Boolean known = interfaces.get(t);
              return known != null ? known : load(t).isInterface();
            }

            private String superOf(String t) {
              if (supers.containsKey(t)) return supers.get(t);
              Class<?> s = load(t).getSuperclass();
              return s == null ? null : s.getName().replace('.', '/');
            }

            private List<String> ancestors(String t) {
              List<String> chain = new ArrayList<>();
              for (String s = t; s != null; s = superOf(s)) chain.add(s);
              return chain;
            }
          };
      r.accept(
          new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public void visit(
                int version, int access, String name, String sig, String sup, String[] ifs) {
              super.visit(Opcodes.V1_8, access, name, sig, sup, ifs);
            }
          },
          ClassReader.SKIP_FRAMES);
      e.setValue(w.toByteArray());
      upgraded++;
    }
    Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrading");
    try (OutputStream out = Files.newOutputStream(tmp);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry old = meta.get(e.getKey());
        ZipEntry n = new ZipEntry(e.getKey());
        n.setTime(old.getTime());
        zip.putNextEntry(n);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("UpgradeAsm: " + upgraded + " classes of " + prefix + " now Java 8 class files");
  }

  private static Class<?> load(String internalName) {
    try {
      return Class.forName(internalName.replace('/', '.'), false, ClassLoader.getSystemClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("unknown type " + internalName, e);
    }
  }
}
