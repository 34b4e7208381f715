import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.FileDescriptor;
import dev.workshop.runtime.Fs;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/** Reads in chunks, one at a time, but never closes the file. */
public class Pieces {
  /** One read asks for at most this much: 64 KiB, as the runtime's own loop.readFile does. */
  static final int CHUNK = 64 * 1024;

  /**
   * Reads the whole file at {@code path} and hands its bytes to {@code callback} on the loop
   * thread, or the error that stopped it. Each step is one pool job, and the callback of each
   * starts the next: one read of this file in flight at a time, so the pool's four threads are
   * free to take turns with other files' work between two chunks.
   */
  public static void readFile(EventLoop loop, Path path, Callback<byte[]> callback) {
    Fs fs = loop.fs();
    fs.open(
        path,
        (error, fd) -> {
          if (error != null) {
            callback.call(error, null); // a missing file is an answer, not a crash
            return;
          }
          readFrom(fs, fd, 0, new ByteArrayOutputStream(), callback);
        });
  }

  /** Reads the chunk at {@code position}; its callback reads the next one, or closes. */
  private static void readFrom(
      Fs fs, FileDescriptor fd, long position, ByteArrayOutputStream got, Callback<byte[]> callback) {
    fs.read(
        fd,
        CHUNK,
        position,
        (error, chunk) -> {
          if (error != null) {
            fs.close(fd, (ignored, nothing) -> callback.call(error, null));
            return;
          }
          got.write(chunk, 0, chunk.length);
          if (chunk.length == CHUNK) {
            readFrom(fs, fd, position + chunk.length, got, callback); // not at the end yet
          } else {
            callback.call(null, got.toByteArray()); // done: the bytes are all here
          }
        });
  }
}
