package dev.workshop.probe;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pids of this JVM's child processes, for the watchdog's scan every 10 ms. {@link
 * ProcessHandle#children()} reads the status of every process on the machine (0.5 ms of CPU per
 * call with 75 processes, more on a desktop): on Linux this reads {@code
 * /proc/self/task/<tid>/children} instead, one short file per thread of this JVM. Elsewhere, where
 * the kernel has no such file, or with {@code -Dworkshop.portable=true}, it asks {@link
 * ProcessHandle#children()}. Called on the watchdog's thread only.
 */
final class ChildPids {
  private static final String TASKS = "/proc/self/task";
  private static final boolean PROC =
      !Portable.forced() && new File("/proc/thread-self/children").canRead();

  private final byte[] buf = new byte[4096];

  /**
   * This JVM's child processes now (a process that starts or ends meanwhile may or may not be in
   * it).
   *
   * @return pids, each once
   */
  List<Long> now() {
    if (PROC) {
      List<Long> pids = fromProc();
      if (pids != null) return pids;
    }
    return ProcessHandle.current().children().map(ProcessHandle::pid).toList();
  }

  /** The pids the threads' {@code children} files list, or null when they cannot be read. */
  private List<Long> fromProc() {
    String[] tasks = new File(TASKS).list();
    if (tasks == null) return null;
    List<Long> pids = new ArrayList<>(2);
    for (String task : tasks) {
      int n;
      try (FileInputStream in = new FileInputStream(TASKS + "/" + task + "/children")) {
        n = in.readNBytes(buf, 0, buf.length);
      } catch (IOException e) {
        continue; // the thread ended meanwhile
      }
      long pid = -1;
      for (int i = 0; i <= n; i++) {
        int c = i < n ? buf[i] : ' ';
        if (c >= '0' && c <= '9') {
          pid = (pid < 0 ? 0 : pid * 10) + (c - '0');
        } else {
          if (pid >= 0 && !pids.contains(pid)) pids.add(pid);
          pid = -1;
        }
      }
    }
    return pids;
  }
}
