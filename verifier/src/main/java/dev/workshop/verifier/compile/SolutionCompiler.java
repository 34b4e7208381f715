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

  /** The largest source file compiled: 1 MiB. */
  public static final long MAX_FILE_BYTES = 1L << 20;

  /** The most source compiled in all: 4 MiB. */
  public static final long MAX_TOTAL_BYTES = 4L << 20;

  /**
   * The compiler's stack: 16 MiB, 16 times a thread's default, enough for brackets nested about
   * 30,000 deep. Deeper source overflows it in well under a second and is a compile error; a much
   * larger stack would let javac work on it for minutes (its time grows faster than the depth).
   */
  static final long COMPILER_STACK_BYTES = 16L << 20;

  private static final String MANIFEST = "manifest.sha256";

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
    Sources read = read(spec, dir);
    Map<String, String> sources = read.texts();
    List<String> hostClasses = spec.hostFiles().stream().map(SolutionCompiler::className).toList();
    List<String> learnerClasses =
        sources.keySet().stream()
            .filter(f -> !spec.hostFiles().contains(f))
            .map(SolutionCompiler::className)
            .toList();
    if (!read.problems().isEmpty()) {
      return new Compilation(
          cacheRoot.resolve("none"), learnerClasses, hostClasses, read.problems(), false);
    }
    Path target = cacheRoot.resolve(key(spec, sources));
    Path classes = target.resolve("classes");
    if (Files.exists(target.resolve("ok"))) {
      if (intact(target)) {
        touch(target);
        return new Compilation(classes, learnerClasses, hostClasses, List.of(), true);
      }
      // Class files that are not the ones this compile wrote (another run rewrote them): never
      // run them; compile again.
      FileUtils.deleteQuietly(target.toFile());
    }

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new NoCompiler(
          "this Java ("
              + System.getProperty("java.home")
              + ") has no"
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
    Throwable failure;
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ENGLISH, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_PATH, classpath.stream().map(Path::toFile).toList());
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(work.resolve("classes").toFile()));
      StringWriter noise = new StringWriter();
      JavaCompiler.CompilationTask task =
          javac.getTask(
              noise,
              files,
              diagnostics,
              List.of(
                  "--release",
                  "17",
                  "-g",
                  "-proc:none",
                  "-implicit:none",
                  "-Xlint:none",
                  "-encoding",
                  "UTF-8"),
              null,
              units);
      // On a thread with a large stack: javac recurses once per nesting level, and source nested
      // too deeply must be a compile error, not the workshop's StackOverflowError.
      Boolean[] result = {false};
      Throwable[] thrown = {null};
      Thread t =
          new Thread(
              null,
              () -> {
                try {
                  result[0] = task.call();
                } catch (Throwable e) {
                  thrown[0] = e;
                }
              },
              "workshop-javac",
              COMPILER_STACK_BYTES);
      t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
      t.start();
      join(t);
      ok = result[0] != null && result[0] && thrown[0] == null;
      failure = thrown[0];
      // javac catches its own StackOverflowError, prints it, and fails without a diagnostic.
      if (failure == null && !ok && noise.toString().contains("java.lang.StackOverflowError")) {
        failure = new StackOverflowError();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!ok) {
      FileUtils.deleteQuietly(work.toFile());
      List<CompileError> errors = new ArrayList<>();
      if (failure != null) {
        errors.add(crashed(failure, sources, spec));
      } else {
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          if (d.getKind() != Diagnostic.Kind.ERROR || errors.size() >= MAX_ERRORS) continue;
          errors.add(error(d, sources, spec));
        }
      }
      if (errors.isEmpty()) {
        errors.add(new CompileError("", 0, 0, "the compiler failed without saying why", "", ""));
      }
      return new Compilation(classes, learnerClasses, hostClasses, errors, false);
    }
    try {
      Files.writeString(
          work.resolve(MANIFEST), manifest(work.resolve("classes")), StandardCharsets.UTF_8);
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

  private static void join(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true; // the compile finishes soon; the caller hears of it after
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** The compiler itself failed: source nested too deeply, or a bug of javac's on odd code. */
  private static CompileError crashed(
      Throwable failure, Map<String, String> sources, ExerciseSpec spec) {
    boolean tooDeep = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StackOverflowError) tooDeep = true;
    }
    String deepest = "";
    int depth = -1;
    for (Map.Entry<String, String> e : sources.entrySet()) {
      if (spec.hostFiles().contains(e.getKey())) continue;
      int d = nesting(e.getValue());
      if (d > depth) {
        depth = d;
        deepest = e.getKey();
      }
    }
    if (tooDeep) {
      return new CompileError(
          deepest,
          0,
          0,
          "too deeply nested for the compiler (brackets nested " + depth + " deep)",
          "",
          "hint: split the expression into smaller ones, with variables or methods");
    }
    return new CompileError(
        deepest,
        0,
        0,
        "the compiler failed on this code ("
            + failure.getClass().getSimpleName()
            + "): simplify the code it last changed",
        "",
        "");
  }

  /** The deepest nesting of ( [ { in a text. */
  private static int nesting(String text) {
    int depth = 0;
    int max = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '[' || c == '{') max = Math.max(max, ++depth);
      if (c == ')' || c == ']' || c == '}') depth = Math.max(0, depth - 1);
    }
    return max;
  }

  /** Whether a cached entry's class files are still the ones its compile wrote. */
  private static boolean intact(Path entry) {
    try {
      String expected = Files.readString(entry.resolve(MANIFEST), StandardCharsets.UTF_8);
      return expected.equals(manifest(entry.resolve("classes")));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** One line per file under {@code classes}: its SHA-256 and its relative path, sorted by path. */
  static String manifest(Path classes) throws IOException {
    TreeMap<String, String> digests = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
        String rel = classes.relativize(p).toString().replace('\\', '/');
        if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          digests.put(rel, "not-a-file");
          continue;
        }
        try {
          digests.put(
              rel,
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    StringBuilder b = new StringBuilder();
    digests.forEach((rel, sha) -> b.append(sha).append("  ").append(rel).append('\n'));
    return b.toString();
  }

  /** Whether these sources were compiled before and their classes are in the cache. */
  public boolean cached(ExerciseSpec spec, Path dir) {
    Sources read = read(spec, dir);
    if (!read.problems().isEmpty()) return false;
    Path entry = cacheRoot.resolve(key(spec, read.texts()));
    return Files.exists(entry.resolve("ok")) && intact(entry);
  }

  /**
   * Why the {@code .java} files at the top of {@code dir} are too big to compile (over
   * {@link #MAX_FILE_BYTES} one, or {@link #MAX_TOTAL_BYTES} in all), or null when they are not.
   * The exercise's host files do not count: its own copy is compiled.
   */
  public static String tooBig(ExerciseSpec spec, Path dir) {
    long total = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".java") || !Files.isRegularFile(p) || spec.hostFiles().contains(name))
          continue;
        long size = Files.size(p);
        if (size > MAX_FILE_BYTES) {
          return name
              + " is "
              + mib(size)
              + ": too big to be a solution (at most "
              + mib(MAX_FILE_BYTES)
              + " per file)";
        }
        total += size;
      }
    } catch (IOException e) {
      return null; // the compiler says what cannot be read
    }
    return total > MAX_TOTAL_BYTES
        ? "the .java files in this folder hold "
            + mib(total)
            + ": too much to be a solution (at most "
            + mib(MAX_TOTAL_BYTES)
            + " in all)"
        : null;
  }

  private static String mib(long bytes) {
    return bytes % (1 << 20) == 0
        ? (bytes >> 20) + " MiB"
        : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  /** The sources, and what is wrong with those that cannot be compiled at all. */
  private record Sources(Map<String, String> texts, List<CompileError> problems) {}

  /** The sources to compile: the learner's .java files, with host files replaced by the exercise's copy. */
  static Map<String, String> sources(ExerciseSpec spec, Path dir) {
    return read(spec, dir).texts();
  }

  private static Sources read(ExerciseSpec spec, Path dir) {
    Map<String, String> sources = new TreeMap<>();
    List<CompileError> problems = new ArrayList<>();
    String big = tooBig(spec, dir);
    if (big != null) {
      problems.add(new CompileError("", 0, 0, big, "", ""));
      return new Sources(sources, problems);
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".java") && Files.isRegularFile(p) && !spec.hostFiles().contains(name)) {
          byte[] bytes = Files.readAllBytes(p);
          try {
            sources.put(
                name,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString());
          } catch (java.nio.charset.CharacterCodingException e) {
            problems.add(
                new CompileError(
                    name,
                    0,
                    0,
                    "this file is not UTF-8 text",
                    "",
                    "hint: save it as UTF-8 in your editor, or delete it if it is a stray copy"));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    for (String host : spec.hostFiles()) sources.put(host, spec.boilerplate(host));
    return new Sources(sources, problems);
  }

  private String key(ExerciseSpec spec, Map<String, String> sources) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((spec.id() + "\n" + Runtime.version() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Path p : classpath) {
        sha.update((p + "@" + lastModified(p) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      sources.forEach(
          (name, text) -> {
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

  private static final java.util.regex.Pattern DUPLICATE =
      java.util.regex.Pattern.compile("duplicate class: ([\\w.$]+)");

  private static CompileError error(
      Diagnostic<? extends JavaFileObject> d, Map<String, String> sources, ExerciseSpec spec) {
    String file = d.getSource() instanceof Source src ? src.fileName : "";
    String message = d.getMessage(Locale.ENGLISH);
    String line = "";
    if (d.getLineNumber() > 0 && sources.containsKey(file)) {
      String[] lines = sources.get(file).split("\\R", -1);
      if (d.getLineNumber() <= lines.length) line = lines[(int) d.getLineNumber() - 1];
    }
    String advice = advice(message);
    java.util.regex.Matcher dup = DUPLICATE.matcher(message);
    if (dup.find()) {
      String cls = dup.group(1);
      java.util.regex.Pattern declares =
          java.util.regex.Pattern.compile(
              "\\b(class|interface|record|enum)\\s+" + java.util.regex.Pattern.quote(cls) + "\\b");
      List<String> in =
          sources.entrySet().stream()
              .filter(e -> declares.matcher(e.getValue()).find())
              .map(Map.Entry::getKey)
              .toList();
      if (in.size() > 1) {
        message = "class " + cls + " is declared in " + String.join(" and ", in);
        List<String> copies = in.stream().filter(f -> !f.equals(cls + ".java")).toList();
        advice =
            "hint: keep one: delete or rename "
                + String.join(", ", copies.isEmpty() ? in : copies)
                + (spec.hostFiles().contains(cls + ".java")
                    ? " (" + cls + " is the exercise's own class)"
                    : "");
      }
    }
    return new CompileError(
        file,
        Math.max(0, d.getLineNumber()),
        Math.max(0, d.getColumnNumber()),
        message,
        line,
        advice);
  }

  /** A word for the mistakes a learner makes most with this workshop's runtime. */
  static String advice(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    for (String type :
        List.of(
            "EventLoop",
            "ThreadPool",
            "LoopOwned",
            "Timer",
            "AsyncWorker",
            "AfterWork",
            "Callback",
            "HttpServer",
            "Connection",
            "ChildProcess",
            "TcpServer")) {
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
      List<Path> dirs =
          entries
              .filter(Files::isDirectory)
              .sorted(Comparator.comparingLong(SolutionCompiler::lastModified).reversed())
              .toList();
      for (int i = KEEP_CACHED; i < dirs.size(); i++) FileUtils.deleteQuietly(dirs.get(i).toFile());
    } catch (IOException e) {
      // a cache that cannot be pruned still works
    }
  }

  private static void touch(Path p) {
    try {
      Files.setLastModifiedTime(
          p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // only affects pruning order
    }
  }

  /** A source file held in memory, named as in the learner's folder. */
  private static final class Source extends SimpleJavaFileObject {
    final String fileName;
    final String text;

    Source(String fileName, String text) {
      super(uri(fileName), Kind.SOURCE);
      this.fileName = fileName;
      this.text = text;
    }

    /** A URI for any file name, spaces and all ("Schedule copy.java"). */
    private static URI uri(String fileName) {
      try {
        return new URI("string", null, "/" + fileName, null);
      } catch (java.net.URISyntaxException e) {
        return URI.create("string:///source" + Integer.toHexString(fileName.hashCode()) + ".java");
      }
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
