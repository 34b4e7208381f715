import dev.workshop.runtime.Connection;
import dev.workshop.runtime.EventLoop;
import java.io.ByteArrayOutputStream;

public class Echo {
  /**
   * Serves one client: sends back every line it sends, line end included, in order.
   *
   * <p>Everything here runs on main, the loop thread, and nothing here waits: {@code onData} runs
   * when bytes have arrived, and {@code write} hands the bytes to the operating system or keeps
   * them. So one thread serves every client at once, the slow ones included, and the pool is
   * never needed: sockets have non-blocking calls, files do not.
   */
  static void serve(EventLoop loop, Connection conn) {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    conn.onData(
        chunk -> {
          int start = 0;
          for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
              pending.write(chunk, start, i + 1 - start);
              if (!conn.write(pending.toByteArray())) {
                // The client is not reading its replies as fast as it sends lines: write keeps
                // the bytes, but they pile up. Read nothing more from it until they have been
                // sent (the rest of this chunk is still answered: that much is bounded). While
                // paused, its lines wait in the operating system, and once that is full, the
                // client's own writes must wait: the backpressure reaches the sender.
                conn.pause();
              }
              pending.reset();
              start = i + 1;
            }
          }
          pending.write(chunk, start, chunk.length - start);
        });
    // Runs once every kept byte has been sent, after a write that returned false.
    conn.onDrain(conn::resume);
  }
}
