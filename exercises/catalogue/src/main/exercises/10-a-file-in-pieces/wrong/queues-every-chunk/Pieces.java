import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.FileDescriptor;
import dev.workshop.runtime.Fs;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes an array of the file's size on the pool, then queues every chunk's read at once. */
public class Pieces {
  static final int CHUNK = 64 * 1024;

  public static void readFile(EventLoop loop, Path path, Callback<byte[]> callback) {
    Fs fs = loop.fs();
    loop.queueWork(
        () -> new byte[(int) Files.size(path)], // the array for all of it, made on the pool
        (sizeError, all) -> {
          if (sizeError != null) {
            callback.call(sizeError, null);
            return;
          }
          fs.open(
              path,
              (error, fd) -> {
                if (error != null) {
                  callback.call(error, null);
                  return;
                }
                readAll(fs, fd, all, callback);
              });
        });
  }

  /** Every read at once: faster for this file alone, they said. */
  private static void readAll(Fs fs, FileDescriptor fd, byte[] all, Callback<byte[]> callback) {
    int size = all.length;
    int reads = Math.max(1, (size + CHUNK - 1) / CHUNK);
    int[] left = {reads};
    for (int i = 0; i < reads; i++) {
      int offset = i * CHUNK;
      int length = Math.min(CHUNK, size - offset);
      fs.read(
          fd,
          all,
          offset,
          length,
          offset,
          (error, n) -> {
            if (--left[0] == 0) fs.close(fd, (closeError, nothing) -> callback.call(null, all));
          });
    }
  }
}
