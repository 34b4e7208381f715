package dev.workshop.verifier.compile;

import dev.workshop.verifier.ExerciseSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.apache.commons.io.FileUtils;

/**
 * Compiles a solution folder with the JDK's own compiler, in this process (no javac process, no
 * Maven). The learner's {@code .java} files are compiled together with the exercise's own copy of
 * its host files, whatever the folder holds under those names. The result is kept in a cache keyed
 * by the sources' content, so verifying unchanged sources again skips the compiler.
 */
public final class SolutionCompiler {
  private static final int KEEP_CACHED = 16;
  private static final int MAX_ERRORS = 8;

  /** This Java has no compiler: it is a JRE, not a JDK. */
  public static final class NoCompiler extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NoCompiler(String message) {
      super(message);
    }
  }

  private final Path cacheRoot;
  private final List<Path> classpath;

  /**
   * @param cacheRoot where compiled solutions are kept
   * @param classpath what the solution compiles against (the runtime)
   */
  public SolutionCompiler(Path cacheRoot, List<Path> classpath) {
    this.cacheRoot = cacheRoot;
    this.classpath = List.copyOf(classpath);
  }

  /**
   * Compiles the solution in {@code dir}.
   *
   * @throws UncheckedIOException when the folder or the cache cannot be read or written
   * @throws IllegalStateException when this Java has no compiler (a JRE, not a JDK)
   */
  public Compilation compile(ExerciseSpec spec, Path dir) {
    Map<String, String> sources = sources(spec, dir);
    List<String> hostClasses = spec.hostFiles().stream().map(SolutionCompiler::className).toList();
    List<String> learnerClasses = sources.keySet().stream()
        .filter(f -> !spec.hostFiles().contains(f)).map(SolutionCompiler::className).toList();
    Path target = cacheRoot.resolve(key(spec, sources));
    Path classes = target.resolve("classes");
    if (Files.exists(target.resolve("ok"))) {
      touch(target);
      return new Compilation(classes, learnerClasses, hostClasses, List.of(), true);
    }

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new NoCompiler("this Java (" + System.getProperty("java.home") + ") has no"
          + " compiler: run the workshop with a JDK, not a JRE");
    }
    Path work;
    try {
      Files.createDirectories(cacheRoot);
      work = Files.createTempDirectory(cacheRoot, "compiling-");
      Files.createDirectories(work.resolve("classes"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the compile cache in " + cacheRoot, e);
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, text) -> units.add(new Source(name, text)));
    boolean ok;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ENGLISH, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_PATH, classpath.stream().map(Path::toFile).toList());
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(work.resolve("classes").toFile()));
      StringWriter noise = new StringWriter();
      ok = javac.getTask(noise, files, diagnostics,
          List.of("--release", "17", "-g", "-proc:none", "-implicit:none", "-Xlint:none", "-encoding", "UTF-8"),
          null, units).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!ok) {
      FileUtils.deleteQuietly(work.toFile());
      List<CompileError> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR || errors.size() >= MAX_ERRORS) continue;
        errors.add(error(d, sources));
      }
      if (errors.isEmpty()) {
        errors.add(new CompileError("", 0, 0, "the compiler failed without saying why", "", ""));
      }
      return new Compilation(classes, learnerClasses, hostClasses, errors, false);
    }
    try {
      Files.writeString(work.resolve("ok"), "");
      try {
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // Another verify of the same sources got there first: theirs is as good as ours.
        FileUtils.deleteQuietly(work.toFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    prune();
    return new Compilation(classes, learnerClasses, hostClasses, List.of(), false);
  }

  /** Whether these sources were compiled before and their classes are in the cache. */
  public boolean cached(ExerciseSpec spec, Path dir) {
    return Files.exists(cacheRoot.resolve(key(spec, sources(spec, dir))).resolve("ok"));
  }

  /** The sources to compile: the learner's .java files, with host files replaced by the exercise's copy. */
  static Map<String, String> sources(ExerciseSpec spec, Path dir) {
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".java") && Files.isRegularFile(p) && !spec.hostFiles().contains(name)) {
          sources.put(name, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    for (String host : spec.hostFiles()) sources.put(host, spec.boilerplate(host));
    return sources;
  }

  private String key(ExerciseSpec spec, Map<String, String> sources) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((spec.id() + "\n" + Runtime.version() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Path p : classpath) {
        sha.update((p + "@" + lastModified(p) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      sources.forEach((name, text) -> {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      });
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long lastModified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String className(String file) {
    return file.endsWith(".java") ? file.substring(0, file.length() - 5) : file;
  }

  private static CompileError error(Diagnostic<? extends JavaFileObject> d, Map<String, String> sources) {
    String file = d.getSource() == null ? "" : ((Source) d.getSource()).fileName;
    String message = d.getMessage(Locale.ENGLISH);
    String line = "";
    if (d.getLineNumber() > 0 && sources.containsKey(file)) {
      String[] lines = sources.get(file).split("\\R", -1);
      if (d.getLineNumber() <= lines.length) line = lines[(int) d.getLineNumber() - 1];
    }
    return new CompileError(file, Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()),
        message, line, advice(message));
  }

  /** A word for the mistakes a learner makes most with this workshop's runtime. */
  static String advice(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    for (String type : List.of("EventLoop", "ThreadPool", "LoopOwned", "Timer", "AsyncWorker",
        "AfterWork", "Callback", "HttpServer", "Connection", "ChildProcess", "TcpServer")) {
      if (m.contains("cannot find symbol") && message.contains("class " + type)) {
        return "hint: add  import dev.workshop.runtime." + type + ";  at the top of the file";
      }
    }
    if (m.contains("unreported exception java.lang.interruptedexception")) {
      return "hint: Thread.sleep can be interrupted; catch InterruptedException (or do the sleep"
          + " inside queueWork, whose work may throw)";
    }
    if (m.contains("is public, should be declared in a file named")) {
      return "hint: a public class must live in a file with the same name";
    }
    return "";
  }

  private void prune() {
    try (Stream<Path> entries = Files.list(cacheRoot)) {
      List<Path> dirs = entries.filter(Files::isDirectory)
          .sorted(Comparator.comparingLong(SolutionCompiler::lastModified).reversed()).toList();
      for (int i = KEEP_CACHED; i < dirs.size(); i++) FileUtils.deleteQuietly(dirs.get(i).toFile());
    } catch (IOException e) {
      // a cache that cannot be pruned still works
    }
  }

  private static void touch(Path p) {
    try {
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // only affects pruning order
    }
  }

  /** A source file held in memory, named as in the learner's folder. */
  private static final class Source extends SimpleJavaFileObject {
    final String fileName;
    final String text;

    Source(String fileName, String text) {
      super(URI.create("string:///" + fileName), Kind.SOURCE);
      this.fileName = fileName;
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
