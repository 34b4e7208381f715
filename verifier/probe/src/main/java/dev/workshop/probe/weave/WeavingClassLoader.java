package dev.workshop.probe.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a solution's classes from its compiled folder, woven by a {@link Weaver}. Everything
 * else is asked of the parent first, as {@link URLClassLoader} does; and the folder never
 * defines a class in a reserved package ({@link #isReserved}), even one the parent lacks: a
 * solution cannot shadow the JDK, the runtime, the probe or ASM.
 *
 * <p>Parallel capable. Resources ({@code getResource}) come from the parent, then the folder.
 */
public final class WeavingClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  private static final String[] RESERVED = {
    "java.", "javax.", "jdk.", "sun.", "dev.workshop.", "org.objectweb.asm."
  };

  private final Weaver weaver;
  private final CodeSource codeSource;
  private final Set<String> unwoven = ConcurrentHashMap.newKeySet();

  /**
   * @param classes the solution's compiled folder (class files by package path)
   * @param parent the loader of the JDK, the runtime and the probe ({@code Probe}'s own)
   */
  public WeavingClassLoader(Path classes, ClassLoader parent) {
    super(new URL[] {url(classes)}, parent);
    this.weaver = new Weaver(this);
    this.codeSource = new CodeSource(getURLs()[0], (CodeSigner[]) null);
  }

  private static URL url(Path folder) {
    try {
      return folder.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a folder: " + folder, e);
    }
  }

  /** Whether a class of this binary name may never come from a solution's folder. */
  public static boolean isReserved(String className) {
    for (String p : RESERVED) {
      if (className.startsWith(p)) return true;
    }
    return false;
  }

  /** Binary names of the classes this loader defined without weaving (see {@link Weaver#weave}). */
  public Set<String> unwoven() {
    return Set.copyOf(unwoven);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (isReserved(name)) {
      throw new ClassNotFoundException(
          name + " (a solution may not define classes in this package)");
    }
    URL url = findResource(name.replace('.', '/') + ".class");
    if (url == null) throw new ClassNotFoundException(name);
    byte[] bytes;
    try (InputStream in = url.openStream()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, new UncheckedIOException(e));
    }
    byte[] woven = weaver.weave(bytes, name);
    if (woven == bytes) unwoven.add(name);
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String pkg = name.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException e) {
          // defined by another thread meanwhile
        }
      }
    }
    return defineClass(name, woven, 0, woven.length, codeSource);
  }
}
