import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the file right here, on main: the file is in memory anyway, isn't it? */
public class Pieces {
  public static void readFile(EventLoop loop, Path path, Callback<byte[]> callback) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      callback.call(e, null);
      return;
    }
    callback.call(null, bytes);
  }
}
