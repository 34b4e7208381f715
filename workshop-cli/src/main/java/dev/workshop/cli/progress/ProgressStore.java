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
import java.nio.file.FileAlreadyExistsException;
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

  /**
   * A file lock is held per JVM, not per thread: the threads of one JVM that use one progress
   * folder queue up on its object here first. Per folder, so that stores of different folders
   * (the tests' many learners in one JVM) never wait for one another.
   */
  private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path directory;
  private final Consumer<String> warnings;
  private final Object inProcessLock;

  /**
   * @param directory where the file lives; created on the first write
   * @param warnings receives one line per problem found while reading (a corrupt file)
   */
  public ProgressStore(Path directory, Consumer<String> warnings) {
    this.directory = directory;
    this.warnings = warnings;
    this.inProcessLock =
        IN_PROCESS_LOCKS.computeIfAbsent(
            directory.toAbsolutePath().normalize(), folder -> new Object());
  }

  /**
   * The folder for progress: {@code $WORKSHOP_HOME}, else {@code $XDG_CONFIG_HOME/workshop}, else
   * {@code ~/.config/workshop}. {@code ~} is {@code $HOME}, as in the shell: the JVM's
   * {@code user.home} comes from the password database and ignores {@code HOME}, so it is only the
   * last resort.
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
    String userHome = env.get("HOME");
    if (userHome == null || userHome.isBlank()) {
      userHome = System.getProperty("user.home");
    }
    return Path.of(userHome, ".config", "workshop");
  }

  public Path file() {
    return directory.resolve(FILE_NAME);
  }

  /** The saved progress; empty when there is none yet. Never throws for a bad file. */
  public Progress load() {
    synchronized (inProcessLock) {
      Read read = read();
      if (read.problem() == null) {
        return read.progress();
      }
      // Repair under the file lock, so that no other process's change is overwritten meanwhile.
      try {
        return withFileLock(this::readRepairing);
      } catch (IOException e) {
        return repair(read); // cannot lock (a read-only folder, say): report, keep what can be read
      }
    }
  }

  /**
   * Applies {@code change} to the latest saved progress and saves the result, holding the lock so
   * that no other process's change is lost in between.
   *
   * @return the progress as saved
   */
  public Progress update(UnaryOperator<Progress> change) {
    synchronized (inProcessLock) {
      return updateLocked(change);
    }
  }

  private Progress updateLocked(UnaryOperator<Progress> change) {
    try {
      Files.createDirectories(directory);
      return withFileLock(
          () -> {
            Read read = read();
            if (read.unreadable()) {
              // Saving would replace a file that may hold everything the learner did.
              throw new WorkshopException(
                  ExitCode.ERROR,
                  "cannot read your progress file "
                      + file()
                      + " ("
                      + read.problem()
                      + "), so it is not saved over. Make it readable, or set WORKSHOP_HOME to another folder.");
            }
            Progress updated = change.apply(repair(read));
            write(updated);
            return updated;
          });
    } catch (IOException e) {
      throw new WorkshopException(
          ExitCode.ERROR,
          "cannot save your progress in "
              + directory
              + ": "
              + reason(e)
              + ". Make that folder writable, or set WORKSHOP_HOME to a folder you can write.",
          e);
    }
  }

  /**
   * Runs {@code action} holding the progress file's lock, so that no other {@code workshop}
   * process changes the progress meanwhile: any change seen afterwards was made by someone who
   * ignores the lock. Without a lock to take (no progress folder yet, a read-only one), the action
   * runs all the same. {@link #update} must not be called inside: the lock is not reentrant.
   */
  public <T> T whileLocked(java.util.function.Supplier<T> action) {
    synchronized (inProcessLock) {
      FileChannel channel;
      FileLock lock;
      try {
        channel =
            FileChannel.open(
                directory.resolve(FILE_NAME + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
      } catch (IOException | RuntimeException e) {
        return action.get();
      }
      try (channel) {
        try {
          lock = channel.lock();
        } catch (IOException | RuntimeException e) {
          return action.get();
        }
        try (lock) {
          return action.get();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The progress file's bytes at one moment, to put back if someone else changes them. */
  public final class Snapshot {
    private final byte[] bytes; // null: there was no file

    private Snapshot(byte[] bytes) {
      this.bytes = bytes;
    }

    /** Whether the file is no longer what it was (its bytes, or whether it exists at all). */
    public boolean changed() {
      byte[] now = readOrNull();
      return bytes == null ? now != null : now == null || !java.util.Arrays.equals(bytes, now);
    }

    /** Puts the file back as it was, atomically where the file system allows it. */
    public void restore() {
      try {
        if (bytes == null) {
          Files.deleteIfExists(file());
          return;
        }
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, FILE_NAME, ".tmp");
        try {
          Files.write(temp, bytes);
          try {
            Files.move(
                temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
          }
        } finally {
          Files.deleteIfExists(temp);
        }
      } catch (IOException e) {
        throw new WorkshopException(
            ExitCode.ERROR, "cannot put your progress file " + file() + " back: " + reason(e), e);
      }
    }
  }

  /** The progress file as it is now. */
  public Snapshot snapshot() {
    return new Snapshot(readOrNull());
  }

  private byte[] readOrNull() {
    try {
      if (Files.isDirectory(file())) return new byte[] {'/'}; // not a file: never what was there
      return Files.readAllBytes(file());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private interface Locked<T> {
    T run() throws IOException;
  }

  /** Runs {@code action} holding the exclusive lock that every writer of this folder takes. */
  private <T> T withFileLock(Locked<T> action) throws IOException {
    try (FileChannel lockChannel =
            FileChannel.open(
                directory.resolve(FILE_NAME + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.lock()) {
      return action.run();
    }
  }

  /** What the file says, and what was wrong with it ({@code null} when nothing was). */
  private record Read(Progress progress, String problem, boolean unreadable) {}

  private Read read() {
    Path file = file();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Read(Progress.empty(), null, false);
    } catch (IOException e) {
      return new Read(Progress.empty(), reason(e), true);
    }
    String text;
    String problem = null;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      // Keep every line that is still good: the bad bytes become U+FFFD and spoil only their line.
      text = new String(bytes, StandardCharsets.UTF_8);
      problem = "it is not all text";
    }
    Parsed parsed = parse(text);
    if (problem == null && !parsed.badLines.isEmpty()) {
      problem =
          (parsed.badLines.size() == 1 ? "line " : "lines ")
              + String.join(", ", parsed.badLines)
              + " made no sense";
    }
    return new Read(parsed.progress, problem, false);
  }

  private Progress readRepairing() {
    return repair(read());
  }

  /** Reports a bad file once, keeps a copy of it, and rewrites it with what could be read. */
  private Progress repair(Read read) {
    if (read.problem() == null) {
      return read.progress();
    }
    Path file = file();
    if (read.unreadable()) {
      warnings.accept(
          "cannot read your progress (" + file + "): " + read.problem() + ". Going on without it.");
      return read.progress();
    }
    String kept;
    try {
      kept = "a copy is in " + backUp(file);
    } catch (IOException e) {
      kept = "no copy could be kept (" + reason(e) + ")";
    }
    Progress recovered = read.progress();
    try {
      write(recovered); // so the next command starts clean instead of warning again
    } catch (IOException e) {
      kept += "; the file could not be repaired (" + reason(e) + ")";
    }
    warnings.accept(
        "your progress file "
            + file
            + " was damaged ("
            + read.problem()
            + "); "
            + kept
            + ". Kept what could be read: "
            + recovered.completed().size()
            + " completed exercise(s).");
    return recovered;
  }

  /** Copies the file aside under a name no earlier backup has. */
  private static Path backUp(Path file) throws IOException {
    String stamp =
        FILE_NAME
            + ".corrupt-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    for (int n = 1; ; n++) {
      Path backup = file.resolveSibling(n == 1 ? stamp : stamp + "-" + n);
      try {
        return Files.copy(file, backup);
      } catch (FileAlreadyExistsException taken) {
        // Another backup from the same second: try the next name.
      }
    }
  }

  private void write(Progress progress) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(
        "# Your workshop progress. The workshop command keeps this file; edit it with care.\n");
    progress.current().ifPresent(id -> out.append("current=").append(id).append('\n'));
    out.append("completed=").append(String.join(",", progress.completed())).append('\n');
    progress
        .hintsSeen()
        .forEach(
            (id, count) -> out.append("hints.").append(id).append('=').append(count).append('\n'));
    Path temp = Files.createTempFile(directory, FILE_NAME, ".tmp");
    try {
      Files.writeString(temp, out, StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
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
        } else if (key.startsWith("hints.")
            && ID.matcher(key.substring(6)).matches()
            && value.matches("\\d{1,3}")) {
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
