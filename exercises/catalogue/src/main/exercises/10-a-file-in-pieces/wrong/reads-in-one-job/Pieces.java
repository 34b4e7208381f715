import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.nio.file.Files;
import java.nio.file.Path;

/** The whole file in one pool job: off main, but one long job per file. */
public class Pieces {
  public static void readFile(EventLoop loop, Path path, Callback<byte[]> callback) {
    loop.queueWork(() -> Files.readAllBytes(path), (error, bytes) -> callback.call(error, bytes));
  }
}
