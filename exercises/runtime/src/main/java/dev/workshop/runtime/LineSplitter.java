package dev.workshop.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Internal: cuts a stream of bytes into lines of UTF-8 text, without their line ends. */
final class LineSplitter {
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /** Adds a chunk; hands each complete line to {@code line}. */
  void feed(byte[] chunk, Consumer<String> line) {
    int start = 0;
    for (int i = 0; i < chunk.length; i++) {
      if (chunk[i] == '\n') {
        pending.write(chunk, start, i - start);
        line.accept(take());
        start = i + 1;
      }
    }
    pending.write(chunk, start, chunk.length - start);
  }

  /** At the end of the stream: the last line, if it had no line end. */
  void finish(Consumer<String> line) {
    if (pending.size() > 0) line.accept(take());
  }

  private String take() {
    byte[] b = pending.toByteArray();
    pending.reset();
    int n = b.length;
    if (n > 0 && b[n - 1] == '\r') n--;
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }
}
