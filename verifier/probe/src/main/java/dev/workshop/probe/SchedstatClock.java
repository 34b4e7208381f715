package dev.workshop.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The exact clock, from Linux's {@code /proc/.../schedstat}: the first two numbers are the time on
 * a CPU and the time waiting for one. The file stays open and is re-read from offset 0, which
 * costs a few microseconds. Where the file cannot be opened every reading is {@code -1}.
 */
final class SchedstatClock extends ThreadClock {
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(128);
  private long onCpu = -1;
  private long waiting = -1;

  private SchedstatClock(FileChannel channel) {
    this.channel = channel;
  }

  /** The clock read from {@code path}; unavailable when it is null or cannot be opened. */
  static SchedstatClock open(Path path) {
    if (path == null) return new SchedstatClock(null);
    try {
      return new SchedstatClock(FileChannel.open(path));
    } catch (IOException | RuntimeException e) {
      return new SchedstatClock(null);
    }
  }

  @Override
  boolean available() {
    return channel != null;
  }

  @Override
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

  @Override
  synchronized long onCpu() {
    return onCpu;
  }

  @Override
  synchronized long waiting() {
    return waiting;
  }
}
