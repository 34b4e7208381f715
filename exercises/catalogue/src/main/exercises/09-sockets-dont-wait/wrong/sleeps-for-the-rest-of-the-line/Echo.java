import dev.workshop.runtime.Connection;
import dev.workshop.runtime.EventLoop;
import java.io.ByteArrayOutputStream;

public class Echo {
  static void serve(EventLoop loop, Connection conn) {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    boolean[] waited = {false};
    conn.onData(
        chunk -> {
          int start = 0;
          for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
              pending.write(chunk, start, i + 1 - start);
              if (!conn.write(pending.toByteArray())) conn.pause();
              pending.reset();
              start = i + 1;
            }
          }
          pending.write(chunk, start, chunk.length - start);
          if (pending.size() > 0 && !waited[0]) {
            // A slow client: give it time to send the rest of its line.
            waited[0] = true;
            try {
              Thread.sleep(200);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    conn.onDrain(conn::resume);
  }
}
