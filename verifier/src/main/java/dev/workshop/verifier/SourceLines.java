package dev.workshop.verifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The learner's source line behind a frame, for the verdict to quote: from the solution folder,
 * or from the exercise's own copy of a host file (the one that was compiled, whatever the folder
 * holds).
 */
final class SourceLines {
  private static final Pattern FRAME_FILE = Pattern.compile("\\(([^():]+\\.java):(\\d+)\\)");

  private final ExerciseSpec spec;
  private final Path solution;

  /** @param solution the solution folder; may be null (then only host files are quoted) */
  SourceLines(ExerciseSpec spec, Path solution) {
    this.spec = spec;
    this.solution = solution;
  }

  /**
   * The line behind a frame such as {@code Delay.delay(Delay.java:9)}, as {@code "  9 |
   * Thread.sleep(ms);"}; empty when the frame names no line of a file found.
   */
  List<String> line(String frame) {
    if (frame == null) return List.of();
    Matcher m = FRAME_FILE.matcher(frame);
    if (!m.find()) return List.of();
    String file = m.group(1);
    int line = Integer.parseInt(m.group(2));
    Optional<String> text = Optional.empty();
    if (spec.hostFiles().contains(file)) {
      text = Optional.of(spec.boilerplate(file));
    } else if (solution != null) {
      try {
        Path p = solution.resolve(file);
        if (Files.isRegularFile(p)) text = Optional.of(Files.readString(p, StandardCharsets.UTF_8));
      } catch (IOException e) {
        text = Optional.empty();
      }
    }
    if (text.isEmpty()) return List.of();
    String[] lines = text.get().split("\\R", -1);
    if (line < 1 || line > lines.length) return List.of();
    return List.of(
        String.format("%5d | %s", line, lines[line - 1].replace('\t', ' ').stripTrailing()));
  }
}
