package dev.workshop.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One thread's scheduler clock from Linux's {@code /proc/.../schedstat}: the time it spent on a
 * CPU and the time it spent ready to run but waiting for a CPU, both in nanoseconds.
 *
 * <p>The second number is what makes the verdict fair on a busy machine: a callback that was
 * ready but not scheduled is not the learner's fault. The file stays open and is re-read from
 * offset 0, which costs a few microseconds. Elsewhere than Linux the clock is unavailable and
 * every reading is {@code -1}.
 */
final class ThreadClock {
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(128);
  private long onCpu = -1;
  private long waiting = -1;

  private ThreadClock(FileChannel channel) {
    this.channel = channel;
  }

  /** The calling thread's clock. */
  static ThreadClock forCurrentThread() {
    return open(Path.of("/proc/thread-self/schedstat"));
  }

  /** The clock of the thread with this Linux thread id, from another thread. */
  static ThreadClock forTid(long tid) {
    return tid < 0 ? new ThreadClock(null) : open(Path.of("/proc/self/task/" + tid + "/schedstat"));
  }

  /** The Linux thread id of the calling thread, or -1 when unknown. */
  static long currentTid() {
    try {
      String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
      return Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
    } catch (IOException | RuntimeException | LinkageError e) {
      return -1;
    }
  }

  private static ThreadClock open(Path path) {
    try {
      return new ThreadClock(FileChannel.open(path));
    } catch (IOException | RuntimeException e) {
      return new ThreadClock(null);
    }
  }

  boolean available() {
    return channel != null;
  }

  /** Reads the clock; afterwards {@link #onCpu()} and {@link #waiting()} hold the new values. */
  synchronized void read() {
    if (channel == null) return;
    try {
      buffer.clear();
      int n = channel.read(buffer, 0);
      long[] values = new long[2];
      int field = 0;
      long v = 0;
      boolean inNumber = false;
      for (int i = 0; i < n && field < 2; i++) {
        byte c = buffer.get(i);
        if (c >= '0' && c <= '9') {
          v = v * 10 + (c - '0');
          inNumber = true;
        } else if (inNumber) {
          values[field++] = v;
          v = 0;
          inNumber = false;
        }
      }
      if (field == 2) {
        onCpu = values[0];
        waiting = values[1];
      }
    } catch (IOException e) {
      onCpu = -1;
      waiting = -1;
    }
  }

  synchronized long onCpu() {
    return onCpu;
  }

  synchronized long waiting() {
    return waiting;
  }
}
