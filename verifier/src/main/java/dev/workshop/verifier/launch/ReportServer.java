package dev.workshop.verifier.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The verifier's end of one run's report: a socket on 127.0.0.1 (a free port) and a random 128-bit
 * token that only the probe learns (from the go line on the child's standard input). The first
 * connection that sends the token first is the report; every other connection is dropped. The
 * report is read on a thread of its own as the child writes it, up to {@link #MAX_BYTES}: past
 * that the rest is not read and the report is marked cut off. {@link #collect} never waits longer
 * than it is told, so a report that never ends, or a probe that never connects, cannot hang the
 * verifier.
 */
public final class ReportServer implements AutoCloseable {
  /** The most of a report that is read: 64 MiB. */
  public static final long MAX_BYTES = 64L << 20;

  /** How long a connection may take to send its token. */
  private static final int TOKEN_TIMEOUT_MS = 2000;

  /**
   * What was read.
   *
   * @param lines the report's complete lines, in order
   * @param connected whether the probe connected with the token at all
   * @param truncated whether the report was cut off: it passed {@link #MAX_BYTES}, or it had not
   *     ended when the verifier stopped waiting
   */
  private long connectedAt = -1;

  public record Result(List<String> lines, boolean connected, boolean truncated) {}

  private final ServerSocket server;
  private final String token;
  private final Thread reader;
  private final long maxBytes;
  private final List<String> lines = new ArrayList<>();
  private volatile Socket connection;
  private volatile boolean closed;
  private boolean connected;
  private boolean complete;
  private boolean overflowed;

  private ReportServer(long maxBytes) {
    this.maxBytes = maxBytes;
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    token = HexFormat.of().formatHex(random);
    try {
      server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open a local socket for the solution's report: " + e.getMessage(), e);
    }
    reader = new Thread(this::serve, "workshop-report-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens a report socket for one run and starts waiting for the probe. */
  public static ReportServer open() {
    return new ReportServer(MAX_BYTES);
  }

  /** As {@link #open()}, with a smaller cap, for tests. */
  static ReportServer open(long maxBytes) {
    return new ReportServer(maxBytes);
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return server.getLocalPort();
  }

  /** The token the probe must send first: 32 hex digits. */
  public String token() {
    return token;
  }

  /**
   * When the probe connected, as a {@link System#nanoTime()} value of this JVM, or -1 while it has
   * not: the moment the child is ready to run the solution, from which its time counts.
   */
  public synchronized long connectedAt() {
    return connectedAt;
  }

  private void serve() {
    try {
      while (!closed) {
        Socket s;
        try {
          s = server.accept();
        } catch (IOException e) {
          return; // closed
        }
        if (accept(s)) {
          closeServer(); // exactly one report per run
          read(s);
          return;
        }
        quietly(s);
      }
    } finally {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Whether {@code s} sends the token first. */
  private boolean accept(Socket s) {
    try {
      s.setSoTimeout(TOKEN_TIMEOUT_MS);
      InputStream in = s.getInputStream();
      byte[] expected = (token + "\n").getBytes(StandardCharsets.US_ASCII);
      byte[] got = in.readNBytes(expected.length);
      if (!MessageDigest.isEqual(expected, got)) return false;
      s.setSoTimeout(0);
      connection = s;
      synchronized (this) {
        connected = true;
        connectedAt = System.nanoTime();
        notifyAll();
      }
      return !closed;
    } catch (IOException e) {
      return false;
    }
  }

  private void read(Socket s) {
    long total = 0;
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    byte[] buf = new byte[1 << 16];
    try (s;
        InputStream in = s.getInputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        int take = (int) Math.min(n, maxBytes - total);
        total += take;
        List<String> batch = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < take; i++) {
          if (buf[i] == '\n') {
            line.write(buf, from, i - from);
            batch.add(line.toString(StandardCharsets.UTF_8));
            line.reset();
            from = i + 1;
          }
        }
        line.write(buf, from, take - from);
        synchronized (this) {
          lines.addAll(batch);
        }
        if (take < n || total >= maxBytes) {
          synchronized (this) {
            overflowed = true;
          }
          return; // closing the socket tells the probe to write no more
        }
      }
      synchronized (this) {
        complete = true; // the probe closed it: its JVM has ended
      }
    } catch (IOException e) {
      // reset or closed by collect(): what was read stands
    }
  }

  /**
   * Waits up to {@code grace} for the report to end (call it once the child has ended), then
   * stops listening and returns what was read. Never waits longer, never throws.
   */
  public Result collect(Duration grace) {
    try {
      reader.join(Math.max(1, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    try {
      reader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      return new Result(List.copyOf(lines), connected, connected && (overflowed || !complete));
    }
  }

  /** Stops listening and drops the connection, if any. */
  @Override
  public void close() {
    closed = true;
    closeServer();
    Socket c = connection;
    if (c != null) quietly(c);
  }

  private void closeServer() {
    try {
      server.close();
    } catch (IOException e) {
      // closed already
    }
  }

  private static void quietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // gone already
    }
  }
}
