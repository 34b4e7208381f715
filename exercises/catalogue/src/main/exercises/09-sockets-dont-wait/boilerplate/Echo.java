import dev.workshop.runtime.Connection;
import dev.workshop.runtime.EventLoop;
import java.io.ByteArrayOutputStream;

public class Echo {
  /**
   * Serves one client: sends back every line it sends, line end included, in order.
   *
   * <p>Bytes arrive in chunks that are not lines: a slow client's line comes a byte at a time, and
   * one chunk may hold many lines. {@code pending} keeps the start of a line until its end comes.
   *
   * <p>TODO: this echo never asks whether the client keeps up. A client that sends and does not
   * read makes {@code write} keep every reply in memory, without end. When {@code write} says the
   * client is not keeping up, stop reading from that client until what it was sent has drained.
   */
  static void serve(EventLoop loop, Connection conn) {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    conn.onData(
        chunk -> {
          int start = 0;
          for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
              pending.write(chunk, start, i + 1 - start);
              conn.write(pending.toByteArray()); // one whole line, back to its sender
              pending.reset();
              start = i + 1;
            }
          }
          pending.write(chunk, start, chunk.length - start);
        });
  }
}
