package dev.workshop.probe.weave;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles sample sources for the tests, with {@code --release 17}, into a class folder. */
final class Javac {
  /** JDK 25's javac, run as a process, when the machine has it. */
  static final Path JDK25_JAVAC = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac");

  private Javac() {}

  /**
   * Compiles {@code sources} (file name without ".java" → text) into {@code out}.
   *
   * @param jdk25 with JDK 25's javac instead of the running JDK's compiler
   */
  static Path compile(Path out, Map<String, String> sources, boolean jdk25)
      throws IOException, InterruptedException {
    Path src = Files.createDirectories(out.resolve("../src-" + out.getFileName()).normalize());
    Path classes = Files.createDirectories(out);
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path f = src.resolve(e.getKey() + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
      files.add(f.toString());
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-encoding",
                "UTF-8",
                "-nowarn",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString()));
    args.addAll(files);
    if (jdk25) {
      List<String> cmd = new ArrayList<>();
      cmd.add(JDK25_JAVAC.toString());
      cmd.addAll(args);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("javac 25 failed:\n" + output);
      }
    } else {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
      int code = javac.run(null, errors, errors, args.toArray(String[]::new));
      if (code != 0)
        throw new IllegalStateException(
            "javac failed:\n" + errors.toString(StandardCharsets.UTF_8));
    }
    return classes;
  }

  /** The 1-based line of the first line of {@code source} containing {@code marker}. */
  static int line(String source, String marker) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) return i + 1;
    }
    throw new IllegalArgumentException("no " + marker + " in the source");
  }
}
