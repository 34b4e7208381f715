package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.JobKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Internal: one {@code readFile}. Each chunk is its own pool job; after a chunk the job goes to
 * the back of the pool's queue, so other work interleaves. The last step returns to the loop.
 */
final class FileRead extends Task {
  static final int CHUNK = 64 * 1024;

  private final EventLoop loop;
  private final Path path;
  private final Callback<byte[]> callback;
  private FileChannel channel;
  private byte[] data;
  private int filled;
  private boolean sizeKnown;
  private boolean done;
  private Throwable error;

  FileRead(EventLoop loop, Path path, Callback<byte[]> callback) {
    super(CallbackKind.FS, null, null);
    this.loop = loop;
    this.path = path;
    this.callback = callback;
  }

  @Override
  Throwable work() {
    try {
      if (channel == null) {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
          throw new IOException(path + " is too large to read into memory: " + size + " bytes");
        }
        // A size of 0 may mean "unknown" (like /proc files): then read until end-of-file.
        sizeKnown = size > 0;
        data = new byte[sizeKnown ? (int) size : CHUNK];
      }
      if (!sizeKnown && filled == data.length) data = Arrays.copyOf(data, data.length * 2);
      ByteBuffer buf = ByteBuffer.wrap(data, filled, Math.min(CHUNK, data.length - filled));
      int n = channel.read(buf, filled);
      if (n > 0) filled += n;
      if (n < 0 || (sizeKnown && filled == data.length)) {
        done = true;
        if (filled != data.length) data = Arrays.copyOf(data, filled);
      }
    } catch (Throwable t) {
      error = t;
      done = true;
    }
    if (done) close();
    return error;
  }

  private void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        if (error == null) error = e;
      }
    }
  }

  @Override
  JobKind jobKind() {
    return JobKind.READ_FILE;
  }

  @Override
  void afterPool() {
    if (done) {
      loop.enqueue(this);
    } else {
      ThreadPool.shared().submit(this);
    }
  }

  @Override
  public void run() {
    loop.pending--;
    byte[] result = data;
    data = null;
    callback.call(error, error == null ? result : null);
  }
}
