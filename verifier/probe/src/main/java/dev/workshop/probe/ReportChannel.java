package dev.workshop.probe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Where the probe's report goes: a loopback socket the verifier opened for this one run, not a
 * file the solution could rewrite. Records written before the verifier's go line (the probe warms
 * up while the solution compiles) are kept in memory; {@link #connect} sends the run's token, then
 * them, then streams every later record. Without a go line (the class-data training run), or when
 * the verifier is gone, records go nowhere.
 *
 * <p>Thread-safe, like every {@link Writer}: it locks on itself. It never throws: the solution
 * must never see an exception of the probe's, and the verifier notices missing records.
 */
public final class ReportChannel extends Writer {
  /** Records kept before the go line, at most: the warm-up writes a handful. */
  static final int MAX_PENDING = 1 << 20;

  private static final int CONNECT_TIMEOUT_MS = 5000;

  private final StringBuilder pending = new StringBuilder();
  private Writer out;
  private Socket socket;
  private boolean discarding;

  /** A channel that keeps records until it is connected. */
  public ReportChannel() {
    super();
  }

  /**
   * Connects to the verifier's report socket on 127.0.0.1, sends {@code token} on a line of its
   * own, then the records kept so far. On failure the records are dropped, now and later.
   */
  public void connect(int port, String token) {
    connect(port, token, "");
  }

  /**
   * As {@link #connect(int, String)}, with {@code label} after the token on its line (a forked
   * JVM's probe says {@code fork <pid>}), or nothing when it is empty.
   */
  public void connect(int port, String token, String label) {
    synchronized (lock) {
      if (out != null || discarding) return;
      if (port <= 0) {
        discard();
        return;
      }
      try {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
        s.shutdownInput();
        Writer w =
            new BufferedWriter(
                new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        w.write(token);
        if (!label.isEmpty()) w.write(" " + label);
        w.write('\n');
        w.append(pending);
        w.flush();
        socket = s;
        out = w;
      } catch (IOException | RuntimeException e) {
        discarding = true;
      }
      pending.setLength(0);
      pending.trimToSize();
    }
  }

  /** Drops the records kept and every later one. */
  public void discard() {
    synchronized (lock) {
      discarding = true;
      pending.setLength(0);
      pending.trimToSize();
    }
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    synchronized (lock) {
      if (discarding) return;
      if (out == null) {
        if (pending.length() + len <= MAX_PENDING) pending.append(cbuf, off, len);
        return;
      }
      try {
        out.write(cbuf, off, len);
      } catch (IOException e) {
        broken();
      }
    }
  }

  @Override
  public void write(String str, int off, int len) {
    synchronized (lock) {
      if (discarding) return;
      if (out == null) {
        if (pending.length() + len <= MAX_PENDING) pending.append(str, off, off + len);
        return;
      }
      try {
        out.write(str, off, len);
      } catch (IOException e) {
        broken();
      }
    }
  }

  @Override
  public void flush() {
    synchronized (lock) {
      if (out == null || discarding) return;
      try {
        out.flush();
      } catch (IOException e) {
        broken();
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      flush();
      closeSocket();
      discarding = true;
    }
  }

  /** The verifier stopped listening (it read enough, or it is gone): write nothing more. */
  private void broken() {
    discarding = true;
    closeSocket();
  }

  private void closeSocket() {
    try {
      if (socket != null) socket.close();
    } catch (IOException e) {
      // nothing more to say on it anyway
    }
  }
}
