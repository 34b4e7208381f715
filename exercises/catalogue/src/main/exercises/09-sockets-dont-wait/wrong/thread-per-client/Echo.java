import dev.workshop.runtime.Connection;
import dev.workshop.runtime.EventLoop;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

public class Echo {
  static void serve(EventLoop loop, Connection conn) {
    // Every client gets a thread of its own, which waits for its bytes, cuts them into lines and
    // hands the replies back to main.
    BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              ByteArrayOutputStream pending = new ByteArrayOutputStream();
              try {
                while (true) {
                  byte[] chunk = chunks.take();
                  List<byte[]> lines = new ArrayList<>();
                  int start = 0;
                  for (int i = 0; i < chunk.length; i++) {
                    if (chunk[i] == '\n') {
                      pending.write(chunk, start, i + 1 - start);
                      lines.add(pending.toByteArray());
                      pending.reset();
                      start = i + 1;
                    }
                  }
                  pending.write(chunk, start, chunk.length - start);
                  loop.post(
                      () -> {
                        for (byte[] line : lines) {
                          if (!conn.write(line)) conn.pause();
                        }
                      });
                }
              } catch (InterruptedException e) {
                // the client has gone
              }
            });
    reader.setDaemon(true);
    reader.start();
    conn.onData(chunks::add);
    conn.onDrain(conn::resume);
    conn.onClose(reader::interrupt);
  }
}
