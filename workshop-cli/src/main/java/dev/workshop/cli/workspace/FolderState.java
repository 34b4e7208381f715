package dev.workshop.cli.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a learner's folder remembers, in its {@value #FILE} file: which exercise it holds, and the
 * SHA-256 of each file as the workshop wrote it there. A file whose content still has that hash is
 * as provided, so the next {@code scaffold} may replace it; any other file is the learner's.
 *
 * <p>The file is text, one {@code key=value} per line, {@code #} comments allowed:
 *
 * <pre>
 * version=1
 * exercise=call-me-maybe
 * provided=&lt;64 hex digits&gt; Delay.java
 * provided=&lt;64 hex digits&gt; Host.java
 * provided=&lt;64 hex digits&gt; pom.xml
 * </pre>
 *
 * <p>{@code exercise} is the exercise's id ({@code Exercise.id()}). Unknown keys are ignored. A file
 * that is missing, of another {@code version}, or malformed in any way reads as no state at all: the
 * workshop then treats every file it cannot recognise as a starter file as the learner's, so a lost
 * or broken state file can never cost the learner a file.
 *
 * @param exercise the id of the exercise the folder holds
 * @param provided file name (at the top of the folder) to the SHA-256, in lower-case hex, of its
 *     content as provided
 */
public record FolderState(String exercise, Map<String, String> provided) {
  /** The state file's name, at the top of the learner's folder. */
  public static final String FILE = ".workshop";

  /** The format this workshop reads and writes. */
  public static final int VERSION = 1;

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public FolderState {
    provided = Map.copyOf(provided);
  }

  /** The folder's state, or empty when it has none that this workshop can read. */
  public static Optional<FolderState> read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) return Optional.empty();
    String text;
    try {
      if (Files.size(file) > 64 * 1024) return Optional.empty();
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (IOException e) {
      return Optional.empty();
    }
    String version = null;
    String exercise = null;
    Map<String, String> provided = new LinkedHashMap<>();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int eq = line.indexOf('=');
      if (eq <= 0) return Optional.empty();
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      switch (key) {
        case "version" -> version = value;
        case "exercise" -> exercise = value;
        case "provided" -> {
          int space = value.indexOf(' ');
          if (space < 0) return Optional.empty();
          String hash = value.substring(0, space);
          String name = value.substring(space + 1).strip();
          if (!HASH.matcher(hash).matches() || !plainName(name)) return Optional.empty();
          provided.put(name, hash);
        }
        default -> {} // a later version 1 may add keys: what is known still holds
      }
    }
    if (!String.valueOf(VERSION).equals(version) || exercise == null || exercise.isEmpty())
      return Optional.empty();
    return Optional.of(new FolderState(exercise, provided));
  }

  /** Writes the state into {@code dir}, replacing the file at once (never half-written). */
  public void write(Path dir) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(
        "# Written by 'workshop scaffold': the exercise this folder holds, and the SHA-256 of each\n");
    b.append(
        "# file as provided. Files that still match may be replaced when you scaffold the next\n");
    b.append(
        "# exercise; files you changed are kept in .done/. See docs/user-guide.md, \"Your folder\".\n");
    b.append("version=").append(VERSION).append('\n');
    b.append("exercise=").append(exercise).append('\n');
    new java.util.TreeMap<>(provided)
        .forEach(
            (name, hash) ->
                b.append("provided=").append(hash).append(' ').append(name).append('\n'));
    Path tmp = Files.createTempFile(dir, FILE, ".tmp");
    try {
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      try {
        Files.move(
            tmp,
            dir.resolve(FILE),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The SHA-256 of some bytes, in lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file name at the top of the folder: no separator, not "." or "..". */
  static boolean plainName(String name) {
    return !name.isEmpty()
        && !name.contains("/")
        && !name.contains("\\")
        && !name.equals(".")
        && !name.equals("..");
  }
}
