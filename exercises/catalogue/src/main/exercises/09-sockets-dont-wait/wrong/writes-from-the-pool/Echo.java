import dev.workshop.runtime.Connection;
import dev.workshop.runtime.EventLoop;
import java.io.ByteArrayOutputStream;

public class Echo {
  static void serve(EventLoop loop, Connection conn) {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    conn.onData(
        chunk -> {
          int start = 0;
          for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
              pending.write(chunk, start, i + 1 - start);
              byte[] line = pending.toByteArray();
              // Writing might be slow: let a pool thread do it.
              loop.queueWork(() -> conn.write(line), (error, ok) -> {});
              pending.reset();
              start = i + 1;
            }
          }
          pending.write(chunk, start, chunk.length - start);
        });
  }
}
