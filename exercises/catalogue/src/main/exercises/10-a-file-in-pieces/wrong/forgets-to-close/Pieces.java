import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.FileDescriptor;
import dev.workshop.runtime.Fs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    loop.fs()
        .open(
            path,
            (error, fd) -> {
              if (error != null) {
                callback.call(error, null); // a missing file is an answer, not a crash
                return;
              }
              readFrom(loop, fd, 0, new ArrayList<>(), callback);
            });
  }

  /** Reads the chunk at {@code position}; its callback reads the next one, or closes. */
  private static void readFrom(
      EventLoop loop,
      FileDescriptor fd,
      long position,
      List<byte[]> chunks,
      Callback<byte[]> callback) {
    Fs fs = loop.fs();
    fs.read(
        fd,
        CHUNK,
        position,
        (error, chunk) -> {
          if (error != null) {
            fs.close(fd, (ignored, nothing) -> callback.call(error, null));
            return;
          }
          chunks.add(chunk); // made on the pool thread that read it: main copies nothing
          if (chunk.length == CHUNK) {
            readFrom(loop, fd, position + chunk.length, chunks, callback); // not at the end yet
            return;
          }
          // The end of the file: every byte is here, so join them and answer.
          loop.queueWork(() -> join(chunks), callback::call);
        });
  }

  /** The chunks, one after the other, in one array: on a pool thread. */
  private static byte[] join(List<byte[]> chunks) {
    int size = 0;
    for (byte[] c : chunks) size += c.length;
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    return all;
  }
}
