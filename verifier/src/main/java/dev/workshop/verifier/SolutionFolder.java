package dev.workshop.verifier;

import dev.workshop.probe.weave.ClassScan;
import dev.workshop.verifier.compile.Compilation;
import dev.workshop.verifier.compile.CompileError;
import dev.workshop.verifier.compile.SolutionCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks of a solution folder that come before any run: the folder exists, holds the
 * learner's files, declares no package, and (once compiled) reaches into none of the workshop's
 * instruments. Each failure is a verdict with one sentence, as {@link Verdict#before} makes it.
 */
final class SolutionFolder {
  private SolutionFolder() {}

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

  /**
   * The folder, absolute and normalised.
   *
   * @throws Verifier.BadFolder when it is missing, a file, or unreadable
   */
  static Path check(Path dir) {
    if (dir == null) throw new Verifier.BadFolder("no solution folder given");
    Path folder = dir.toAbsolutePath().normalize();
    if (!Files.exists(folder)) {
      throw new Verifier.BadFolder(dir + " does not exist");
    }
    if (!Files.isDirectory(folder)) {
      throw new Verifier.BadFolder(dir + " is a file, not a folder");
    }
    if (!Files.isReadable(folder)) {
      throw new Verifier.BadFolder(dir + " cannot be read");
    }
    return folder;
  }

  static Verdict checkFiles(ExerciseSpec spec, Path folder) {
    List<String> missing =
        spec.learnerFiles().stream().filter(f -> !Files.isRegularFile(folder.resolve(f))).toList();
    if (!missing.isEmpty()) {
      return Verdict.before(
          Diagnosis.MISSING_FILE,
          folder.getFileName()
              + " has no "
              + String.join(", ", missing)
              + (missing.size() == spec.learnerFiles().size() ? ": is it the right folder?" : ""),
          List.of());
    }
    String tooBig = SolutionCompiler.tooBig(spec, folder);
    if (tooBig != null) {
      return Verdict.before(Diagnosis.COMPILE_ERROR, tooBig, List.of());
    }
    // Every .java file is compiled, so none may declare a package (a host file is replaced by the
    // exercise's copy: it does not count).
    List<String> others = new ArrayList<>();
    try (var files = Files.list(folder)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java") && Files.isRegularFile(folder.resolve(n)))
          .filter(n -> !spec.learnerFiles().contains(n) && !spec.hostFiles().contains(n))
          .sorted()
          .forEach(others::add);
    } catch (IOException e) {
      return Verdict.before(
          Diagnosis.MISSING_FILE,
          "cannot list " + folder.getFileName() + ": " + e.getMessage(),
          List.of());
    }
    List<String> all = new ArrayList<>(spec.learnerFiles());
    all.addAll(others);
    for (String file : all) {
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .decode(ByteBuffer.wrap(Files.readAllBytes(folder.resolve(file))))
                .toString();
      } catch (CharacterCodingException e) {
        continue; // the compiler names it
      } catch (IOException e) {
        return Verdict.before(
            Diagnosis.MISSING_FILE, "cannot read " + file + ": " + e.getMessage(), List.of());
      }
      var m = PACKAGE.matcher(text);
      if (m.find()) {
        return Verdict.before(
            Diagnosis.WRONG_PACKAGE,
            file
                + " declares package "
                + m.group(1)
                + ", but the exercise's files live in the default package: remove the package line",
            List.of());
      }
      if (!spec.learnerFiles().contains(file)) continue;
      String cls = file.substring(0, file.length() - ".java".length());
      if (!Pattern.compile("\\b(class|interface|record|enum)\\s+" + Pattern.quote(cls) + "\\b")
          .matcher(text)
          .find()) {
        return Verdict.before(
            Diagnosis.WRONG_PACKAGE,
            file
                + " must declare the class "
                + cls
                + " (the exercise's host calls it by that name)",
            List.of());
      }
    }
    return null;
  }

  /**
   * What the learner's compiled classes refer to that a solution has no business with: the probe,
   * the runtime's instrumentation, {@code sun.misc.Unsafe} (host classes are the exercise's own and
   * are not checked).
   */
  static List<String> forbiddenReferences(Compilation compiled, List<String> hostFiles) {
    List<String> found = new ArrayList<>();
    try (var files = Files.walk(compiled.classes())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(f);
        // Every class compiled from the learner's files, whatever its name (a second top-level
        // class in Delay.java, a Helpers.java): only the exercise's own host files are exempt.
        if (hostFiles.contains(ClassScan.sourceFile(bytes))) continue;
        found.addAll(ClassScan.forbiddenReferences(bytes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the compiled classes: " + e.getMessage(), e);
    }
    return found.stream().distinct().limit(3).toList();
  }

  /**
   * The learner's source lines that name what {@code forbidden} lists ({@code Main refers to
   * sun.misc.Unsafe}) in full, outside comments, as compiler-style errors pointing at the column.
   * At most 3; none when the name is built at run time.
   */
  static List<CompileError> forbiddenLines(
      Path folder, List<String> forbidden, List<String> hostFiles) {
    List<String> names =
        forbidden.stream()
            .map(f -> f.substring(f.indexOf(" refers to ") + " refers to ".length()))
            .toList();
    List<CompileError> lines = new ArrayList<>();
    try (var files = Files.list(folder)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !hostFiles.contains(p.getFileName().toString()))
              .sorted()
              .toList()) {
        List<String> text;
        try {
          text = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
          continue; // not UTF-8: the compiler said so already
        }
        for (int i = 0; i < text.size() && lines.size() < 3; i++) {
          String line = text.get(i);
          String code = line.strip();
          if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) continue;
          for (String name : names) {
            int at = line.indexOf(name);
            if (at >= 0) {
              lines.add(
                  new CompileError(
                      f.getFileName().toString(),
                      i + 1,
                      at + 1,
                      "this names " + name + ", one of the workshop's instruments",
                      line,
                      ""));
              break;
            }
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return lines;
  }
}
