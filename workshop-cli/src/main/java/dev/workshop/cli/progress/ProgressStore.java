package dev.workshop.cli.progress;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.WorkshopException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps {@link Progress} in a small, human-readable file, {@code progress.properties}:
 *
 * <pre>
 * current=call-me-maybe
 * completed=processes-and-threads,one-loop-one-thread
 * hints.call-me-maybe=2
 * </pre>
 *
 * <p>Every change is a read-modify-write under an exclusive file lock, written to a temporary file
 * and renamed over the old one: two {@code workshop} processes finishing exercises at the same
 * moment both keep their completion, and a crash mid-write never leaves half a file. A file that
 * cannot be parsed is copied aside as a backup, reported once, and whatever lines still make sense
 * are kept.
 */
public final class ProgressStore {
  static final String FILE_NAME = "progress.properties";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern LINE = Pattern.compile("([a-z.0-9-]+)\\s*=\\s*(.*)");

  private static final Object IN_PROCESS_LOCK = new Object();

  private final Path directory;
  private final Consumer<String> warnings;

  /**
   * @param directory where the file lives; created on the first write
   * @param warnings receives one line per problem found while reading (a corrupt file)
   */
  public ProgressStore(Path directory, Consumer<String> warnings) {
    this.directory = directory;
    this.warnings = warnings;
  }

  /**
   * The folder for progress: {@code $WORKSHOP_HOME}, else {@code $XDG_CONFIG_HOME/workshop}, else
   * {@code ~/.config/workshop}.
   */
  public static Path defaultDirectory(Map<String, String> env) {
    String home = env.get("WORKSHOP_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "workshop");
    }
    return Path.of(System.getProperty("user.home"), ".config", "workshop");
  }

  public Path file() {
    return directory.resolve(FILE_NAME);
  }

  /** The saved progress; empty when there is none yet. Never throws for a bad file. */
  public Progress load() {
    Path file = file();
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      return Progress.empty();
    } catch (CharacterCodingException e) {
      return recover(file, "", "it is not text");
    } catch (IOException e) {
      warnings.accept("cannot read your progress (" + file + "): " + reason(e) + ". Going on without it.");
      return Progress.empty();
    }
    Parsed parsed = parse(text);
    if (!parsed.badLines.isEmpty()) {
      return recover(file, text, "line " + String.join(", ", parsed.badLines) + " made no sense");
    }
    return parsed.progress;
  }

  /**
   * Applies {@code change} to the latest saved progress and saves the result, holding the lock so
   * that no other process's change is lost in between.
   *
   * @return the progress as saved
   */
  public Progress update(UnaryOperator<Progress> change) {
    // A file lock is held per JVM, not per thread: threads of one JVM queue up here first.
    synchronized (IN_PROCESS_LOCK) {
      return updateLocked(change);
    }
  }

  private Progress updateLocked(UnaryOperator<Progress> change) {
    try {
      Files.createDirectories(directory);
      try (FileChannel lockChannel = FileChannel.open(directory.resolve(FILE_NAME + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockChannel.lock()) {
        Progress updated = change.apply(load());
        write(updated);
        return updated;
      }
    } catch (IOException e) {
      throw new WorkshopException(ExitCode.ERROR,
          "cannot save your progress in " + directory + ": " + reason(e)
              + ". Make that folder writable, or set WORKSHOP_HOME to a folder you can write.", e);
    }
  }

  private void write(Progress progress) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("# Your workshop progress. The workshop command keeps this file; edit it with care.\n");
    progress.current().ifPresent(id -> out.append("current=").append(id).append('\n'));
    out.append("completed=").append(String.join(",", progress.completed())).append('\n');
    progress.hintsSeen().forEach((id, count) -> out.append("hints.").append(id).append('=').append(count).append('\n'));
    Path temp = Files.createTempFile(directory, FILE_NAME, ".tmp");
    try {
      Files.writeString(temp, out, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private Progress recover(Path file, String text, String why) {
    Path backup = file.resolveSibling(FILE_NAME + ".corrupt-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    String kept;
    try {
      Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
      kept = "a copy is in " + backup;
    } catch (IOException e) {
      kept = "no copy could be kept (" + reason(e) + ")";
    }
    Progress recovered = parse(text).progress;
    try {
      write(recovered); // so the next command starts clean instead of warning again
    } catch (IOException e) {
      kept += "; the file could not be repaired (" + reason(e) + ")";
    }
    warnings.accept("your progress file " + file + " was damaged (" + why + "); " + kept
        + ". Kept what could be read: " + recovered.completed().size() + " completed exercise(s).");
    return recovered;
  }

  private record Parsed(Progress progress, List<String> badLines) {}

  private static Parsed parse(String text) {
    String current = null;
    Set<String> completed = new LinkedHashSet<>();
    Map<String, Integer> hints = new TreeMap<>();
    List<String> bad = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      boolean ok = m.matches();
      if (ok) {
        String key = m.group(1);
        String value = m.group(2).strip();
        if (key.equals("current") && ID.matcher(value).matches()) {
          current = value;
        } else if (key.equals("completed")) {
          for (String id : value.split("\\s*,\\s*")) {
            if (ID.matcher(id).matches()) {
              completed.add(id);
            } else if (!id.isEmpty()) {
              ok = false;
            }
          }
        } else if (key.startsWith("hints.") && ID.matcher(key.substring(6)).matches() && value.matches("\\d{1,3}")) {
          hints.put(key.substring(6), Integer.parseInt(value));
        } else {
          ok = false;
        }
      }
      if (!ok) {
        bad.add(String.valueOf(i + 1));
      }
    }
    return new Parsed(new Progress(current, completed, hints), bad);
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
