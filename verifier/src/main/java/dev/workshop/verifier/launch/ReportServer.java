package dev.workshop.verifier.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The verifier's end of one run's reports: a socket on 127.0.0.1 (a free port) and a random
 * 128-bit token that only the probe learns (from the go line on the child's standard input).
 *
 * <p>The first connection whose first line is the token is the program's report. A JVM the
 * program forks runs under a probe of its own, which sends the same token followed by {@code
 * fork <pid>}: each such connection is a report of its own, up to {@link #MAX_FORKS}. Every other
 * connection is dropped. Reports are read on threads of their own as the probes write them, up to
 * {@link #MAX_BYTES} in all: past that the rest is not read and the report is marked cut off.
 * {@link #collect} never waits longer than it is told, so a report that never ends, or a probe
 * that never connects, cannot hang the verifier.
 */
public final class ReportServer implements AutoCloseable {
  /** The most of all the reports of a run that is read: 64 MiB. */
  public static final long MAX_BYTES = 64L << 20;

  /** The most forked JVMs' reports read in one run. */
  public static final int MAX_FORKS = 64;

  /** How long a connection may take to send its token. */
  private static final int TOKEN_TIMEOUT_MS = 2000;

  /** The longest first line read. */
  private static final int MAX_FIRST_LINE = 128;

  /**
   * What was read.
   *
   * @param lines the program's report: its complete lines, in order
   * @param connected whether the program's probe connected with the token at all
   * @param truncated whether the program's report was cut off: it passed {@link #MAX_BYTES}, or
   *     it had not ended when the verifier stopped waiting
   * @param forks the reports of the JVMs the program (or its forks) forked, in the order they
   *     connected
   */
  public record Result(
      List<String> lines, boolean connected, boolean truncated, List<Forked> forks) {
    public Result(List<String> lines, boolean connected, boolean truncated) {
      this(lines, connected, truncated, List.of());
    }
  }

  /**
   * The report of a forked JVM.
   *
   * @param pid the pid the forked probe gave when it connected
   * @param lines its complete lines, in order
   * @param truncated whether it was cut off (see {@link Result#truncated()})
   */
  public record Forked(long pid, List<String> lines, boolean truncated) {}

  /** One connection's report, as it is read. Guarded by the server. */
  private static final class Stream {
    final long pid; // -1: the program's own
    final List<String> lines = new ArrayList<>();
    boolean done;
    boolean complete;
    boolean overflowed;

    Stream(long pid) {
      this.pid = pid;
    }
  }

  private final ServerSocket server;
  private final String token;
  private final Thread acceptor;
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Stream> forks = new ArrayList<>();
  private Stream main;
  private long connectedAt = -1;
  private int pendingHandshakes;
  private volatile boolean closed;

  /**
   * The local port of the connection {@link #collect} makes to this server itself, 0 before: once
   * the acceptor takes it, it has taken every connection made before it ({@link #drained}).
   */
  private volatile int markerPort;

  private boolean drained;

  /** What the acceptor does with each connection before anything else: a test's pause. */
  private volatile java.util.function.Consumer<Socket> afterAccept = s -> {};

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
    acceptor = new Thread(this::acceptAll, "workshop-report-accept");
    acceptor.setDaemon(true);
    acceptor.start();
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
   * When the program's probe connected, as a {@link System#nanoTime()} value of this JVM, or -1
   * while it has not: the moment the child is ready to run the solution, from which its time
   * counts.
   */
  public synchronized long connectedAt() {
    return connectedAt;
  }

  private void acceptAll() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      afterAccept.accept(s);
      int marker = markerPort;
      if (marker != 0 && s.getPort() == marker && s.getInetAddress().isLoopbackAddress()) {
        quietly(s);
        synchronized (this) {
          drained = true;
          notifyAll();
        }
        continue;
      }
      synchronized (this) {
        if (closed || sockets.size() > MAX_FORKS + 8) {
          quietly(s);
          continue;
        }
        sockets.add(s);
        pendingHandshakes++;
      }
      Thread t = new Thread(() -> serve(s), "workshop-report-reader");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Reads one connection: its first line says whose report it is, if any. */
  private void serve(Socket s) {
    Stream stream = null;
    try {
      stream = handshake(s);
    } finally {
      synchronized (this) {
        pendingHandshakes--;
        notifyAll();
      }
    }
    if (stream == null) {
      quietly(s);
      return;
    }
    try {
      read(s, stream);
    } finally {
      synchronized (this) {
        stream.done = true;
        notifyAll();
      }
    }
  }

  /** The stream {@code s} reports to, or null when it does not send the token first. */
  private Stream handshake(Socket s) {
    String first;
    try {
      s.setSoTimeout(TOKEN_TIMEOUT_MS);
      first = firstLine(s.getInputStream());
      s.setSoTimeout(0);
    } catch (IOException e) {
      return null;
    }
    byte[] expected = token.getBytes(StandardCharsets.US_ASCII);
    byte[] got =
        first
            .substring(0, Math.min(first.length(), token.length()))
            .getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, got)) return null;
    String label = first.substring(token.length());
    synchronized (this) {
      if (closed) return null;
      if (label.isEmpty()) {
        if (main != null) return null; // exactly one report of the program per run
        main = new Stream(-1);
        connectedAt = System.nanoTime();
        notifyAll();
        return main;
      }
      if (!label.startsWith(" fork ") || forks.size() >= MAX_FORKS) return null;
      long pid;
      try {
        pid = Long.parseLong(label.substring(" fork ".length()));
      } catch (NumberFormatException e) {
        return null;
      }
      Stream fork = new Stream(pid);
      forks.add(fork);
      return fork;
    }
  }

  /** The first line, read byte by byte, at most {@link #MAX_FIRST_LINE} bytes. */
  private static String firstLine(InputStream in) throws IOException {
    byte[] b = new byte[MAX_FIRST_LINE];
    int n = 0;
    for (; ; ) {
      int c = in.read();
      if (c < 0) throw new IOException("closed before its first line");
      if (c == '\n') break;
      if (n == b.length) throw new IOException("first line too long");
      b[n++] = (byte) c;
    }
    return new String(b, 0, n, StandardCharsets.US_ASCII);
  }

  private void read(Socket s, Stream stream) {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    byte[] buf = new byte[1 << 16];
    try (s;
        InputStream in = s.getInputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        long before = bytes.getAndAdd(n);
        int take = (int) Math.max(0, Math.min(n, maxBytes - before));
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
          stream.lines.addAll(batch);
        }
        if (take < n || before + take >= maxBytes) {
          synchronized (this) {
            stream.overflowed = true;
          }
          return; // closing the socket tells the probe to write no more
        }
      }
      synchronized (this) {
        stream.complete = true; // the probe closed it: its JVM has ended
      }
    } catch (IOException e) {
      // reset or closed by collect(): what was read stands
    }
  }

  /** For tests: runs {@code hook} on the acceptor's thread with each connection it takes. */
  void afterAccept(java.util.function.Consumer<Socket> hook) {
    afterAccept = hook;
  }

  /** For tests: whether {@link #collect} has begun. */
  boolean collecting() {
    return markerPort != 0;
  }

  /**
   * Whether every report that connected has ended, and the program's did connect. A connection the
   * acceptor has not taken yet (a forked probe's, on a busy machine) is still waited for: the
   * acceptor must have taken the marker connection made after it.
   */
  private boolean allDone() {
    if (main == null || !main.done || pendingHandshakes > 0 || !drained) return false;
    for (Stream f : forks) if (!f.done) return false;
    return true;
  }

  /**
   * Waits up to {@code grace} for the reports to end (call it once the child has ended), then
   * stops listening and returns what was read. Never waits longer, never throws.
   */
  public Result collect(Duration grace) {
    long until = System.nanoTime() + Math.max(1, grace.toMillis()) * 1_000_000L;
    // Every probe that will connect has connected by now, but the acceptor may not have taken its
    // connection yet: one more connection, from here, queues behind them all.
    Socket marker = new Socket();
    try {
      marker.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      markerPort = marker.getLocalPort();
      marker.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port()),
          (int) Math.max(1, grace.toMillis()));
    } catch (IOException e) {
      synchronized (this) {
        drained = true; // no marker: the reports already taken are all that can be waited for
      }
    }
    synchronized (this) {
      try {
        while (!allDone()) {
          long left = until - System.nanoTime();
          if (left <= 0) break;
          wait(Math.max(1, left / 1_000_000L));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    quietly(marker);
    close();
    synchronized (this) {
      List<Forked> forked = new ArrayList<>();
      for (Stream f : forks)
        forked.add(new Forked(f.pid, List.copyOf(f.lines), f.overflowed || !f.complete));
      if (main == null) return new Result(List.of(), false, false, List.copyOf(forked));
      return new Result(
          List.copyOf(main.lines), true, main.overflowed || !main.complete, List.copyOf(forked));
    }
  }

  /** Stops listening and drops every connection. */
  @Override
  public void close() {
    List<Socket> open;
    synchronized (this) {
      closed = true;
      open = List.copyOf(sockets);
      notifyAll();
    }
    try {
      server.close();
    } catch (IOException e) {
      // closed already
    }
    for (Socket s : open) quietly(s);
  }

  private static void quietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // gone already
    }
  }
}
