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
              // Make the reply on a pool thread, and write it on main once it is ready.
              loop.queueWork(
                  () -> line.clone(),
                  (error, reply) -> {
                    try {
                      if (!conn.write(reply)) conn.pause();
                    } catch (IllegalStateException e) {
                      // the client has gone meanwhile
                    }
                  });
              pending.reset();
              start = i + 1;
            }
          }
          pending.write(chunk, start, chunk.length - start);
        });
    conn.onDrain(conn::resume);
  }
}
