package dev.workshop.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The processes of one process group or session, found in {@code /proc} (Linux). The verifier
 * starts each child JVM as the leader of a session of its own ({@code setsid}), so that every
 * process the solution starts, even one whose parent has already exited, can be found and ended:
 * by the verifier at the end of a run, and by the child itself when the verifier is gone
 * ({@link ParentWatch}). Elsewhere there is no {@code /proc}: only the process tree is known.
 */
public final class ProcessGroup {
  private static final Path PROC = Path.of("/proc");

  private ProcessGroup() {}

  /**
   * Whether process groups can be listed here (a Linux {@code /proc}); false when the portable
   * paths are forced ({@link Portable#forced()}).
   */
  public static boolean supported() {
    return !Portable.forced() && Files.isRegularFile(PROC.resolve("self").resolve("stat"));
  }

  /**
   * The pids whose process group or session is {@code leader}, not counting this process. Empty
   * where {@code /proc} is missing. Never throws.
   */
  public static List<Long> members(long leader) {
    List<Long> out = new ArrayList<>();
    if (!supported()) return out;
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) continue;
        long pid;
        try {
          pid = Long.parseLong(name);
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid == self) continue;
        long[] ids = groupAndSession(pid);
        if (ids != null && (ids[0] == leader || ids[1] == leader)) out.add(pid);
      }
    } catch (IOException | RuntimeException e) {
      // a process list that cannot be read: the caller still ends the process tree
    }
    return out;
  }

  /** The process group of {@code pid} (field 5 of {@code /proc/<pid>/stat}), if known. */
  public static OptionalLong group(long pid) {
    long[] ids = groupAndSession(pid);
    return ids == null ? OptionalLong.empty() : OptionalLong.of(ids[0]);
  }

  /** {pgrp, session} from {@code /proc/<pid>/stat}, or null. */
  private static long[] groupAndSession(long pid) {
    String stat;
    try {
      stat =
          new String(
              Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")),
              StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null; // gone meanwhile, or not ours to read
    }
    // pid (comm) state ppid pgrp session ...: comm may hold spaces and parentheses, so count
    // fields from the last ')'.
    int close = stat.lastIndexOf(')');
    if (close < 0) return null;
    String[] f = stat.substring(close + 1).trim().split(" +");
    if (f.length < 4) return null;
    try {
      return new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Ends, forcibly, every process of the group and session led by {@code leader} except this
   * one, and the descendants of {@code leader}'s handle when it is still there; again while new
   * ones turn up (a process may fork while it is being ended), a few rounds at most.
   *
   * @return how many processes were told to end
   */
  public static int killAll(long leader) {
    int killed = 0;
    for (int round = 0; round < 20; round++) {
      List<ProcessHandle> found = new ArrayList<>();
      for (long pid : members(leader)) ProcessHandle.of(pid).ifPresent(found::add);
      ProcessHandle.of(leader).ifPresent(h -> h.descendants().forEach(found::add));
      found.removeIf(h -> h.pid() == ProcessHandle.current().pid() || !h.isAlive());
      if (found.isEmpty()) break;
      for (ProcessHandle h : found) {
        if (h.destroyForcibly()) killed++;
      }
      for (ProcessHandle h : found) {
        try {
          h.onExit().get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          // still going (or not ours): the next round tries again
        }
      }
    }
    return killed;
  }
}
