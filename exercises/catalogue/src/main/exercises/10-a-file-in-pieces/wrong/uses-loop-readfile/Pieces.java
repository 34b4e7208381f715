import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.nio.file.Path;

/** The runtime already has a readFile: why build one? */
public class Pieces {
  public static void readFile(EventLoop loop, Path path, Callback<byte[]> callback) {
    loop.readFile(path, callback);
  }
}
