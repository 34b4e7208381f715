import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.FileDescriptor;
import dev.workshop.runtime.Fs;
import java.nio.file.Path;

/** Node's fs.readFile, built from fs.open, fs.read and fs.close. */
public class Pieces {
  /** One read asks for at most this much. */
  static final int CHUNK = 64 * 1024;

  /**
   * Reads the whole file at {@code path} and hands its bytes to {@code callback} on the loop
   * thread, or the error that stopped it.
   *
   * <p>So far it only opens the file, reads its first chunk and answers with that: a file
   * longer than one chunk comes back cut short, and its descriptor is never closed.
   */
  public static void readFile(EventLoop loop, Path path, Callback<byte[]> callback) {
    Fs fs = loop.fs();
    fs.open(
        path,
        (error, fd) -> {
          if (error != null) {
            callback.call(error, null);
            return;
          }
          readFirst(fs, fd, callback);
        });
  }

  private static void readFirst(Fs fs, FileDescriptor fd, Callback<byte[]> callback) {
    fs.read(fd, CHUNK, 0, (error, chunk) -> callback.call(error, chunk));
  }
}
