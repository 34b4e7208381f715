package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * A TCP server served by the loop thread: what Node's {@code net.createServer(socket => ...)}
 * returns. Make one with {@link EventLoop#createServer(Consumer)}, then
 * {@linkplain #listen(int, Runnable) listen}.
 *
 * <p>The server never blocks: the loop asks the operating system which sockets are ready (a
 * {@link java.nio.channels.Selector}, like libuv's epoll/kqueue), accepts new connections and
 * calls your connection callback on the loop thread. So one thread serves many clients, just as
 * one Node process does.
 *
 * <p>While listening, the server is an active handle and keeps the loop alive (unless
 * {@linkplain #unref() unref'd}). {@link #close()} stops listening; connections already
 * accepted stay open until they close.
 */
public final class TcpServer extends LoopHandle implements Handle {
  private final Consumer<Connection> onConnection;
  private final HttpServer http;
  private final StackTraceElement site;
  private ServerSocketChannel channel;
  private SelectionKey key;
  private int port = -1;

  TcpServer(
      EventLoop loop, Consumer<Connection> onConnection, HttpServer http, StackTraceElement site) {
    super(loop);
    this.onConnection = onConnection;
    this.http = http;
    this.site = site;
  }

  /**
   * Starts listening on {@code port} on every network interface: Node's
   * {@code server.listen(port, callback)}. The port is bound at once (so {@link #port()} works
   * right away); {@code onListening} runs on the loop thread in a coming iteration.
   *
   * @param port the port, or 0 for any free port
   * @param onListening called once listening, or {@code null}
   * @return this server
   * @throws UncheckedIOException when the port cannot be bound (for example, it is in use)
   * @throws IllegalStateException when the server is already listening or was closed
   * @see Cluster for how workers of a cluster share a port
   */
  public TcpServer listen(int port, Runnable onListening) {
    return listen(null, port, onListening);
  }

  /**
   * Starts listening on {@code port} of the given local address (for example
   * {@code "127.0.0.1"} to accept only local clients): Node's
   * {@code server.listen(port, host, callback)}.
   *
   * @param host the local address to bind, or {@code null} for every interface
   * @param port the port, or 0 for any free port
   * @param onListening called once listening, or {@code null}
   * @return this server
   * @throws UncheckedIOException when the port cannot be bound
   * @throws IllegalStateException when the server is already listening or was closed
   */
  public TcpServer listen(String host, int port, Runnable onListening) {
    loop.checkThread("listen");
    if (channel != null)
      throw new IllegalStateException("this server is already listening (or was closed)");
    try {
      ClusterPort.Bound bound = ClusterPort.bind(host, port); // shared in a cluster worker
      channel = bound.channel();
      this.port = bound.port();
      key = loop.register(channel, SelectionKey.OP_ACCEPT, this);
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException("cannot listen on port " + port + ": " + e.getMessage(), e);
    }
    activate();
    if (onListening != null) {
      loop.defer(
          CallbackKind.IO,
          Instrumentation.listener() == null ? null : EventLoop.callSite(),
          onListening);
    }
    return this;
  }

  /**
   * The port the server listens on; useful after {@code listen(0, ...)} picked a free one.
   *
   * @return the port, or -1 before {@code listen}
   */
  public int port() {
    return port;
  }

  /** Stops listening (Node's {@code server.close()}); open connections stay open. */
  @Override
  public void close() {
    loop.checkThread("TcpServer.close()");
    closeQuietly();
  }

  private void closeQuietly() {
    if (key != null) key.cancel();
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // already closing
      }
    }
    deactivate();
  }

  /**
   * Lets the loop finish even while the server listens (Node's {@code server.unref()}).
   *
   * @return this server
   */
  @Override
  public TcpServer unref() {
    doUnref("TcpServer.unref()");
    return this;
  }

  /**
   * Makes the listening server keep the loop alive again (Node's {@code server.ref()}).
   *
   * @return this server
   */
  @Override
  public TcpServer ref() {
    doRef("TcpServer.ref()");
    return this;
  }

  /** Whether the server is listening. */
  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  void ioReady(SelectionKey k) throws IOException {
    for (int i = 0; i < 64 && active; i++) {
      SocketChannel sc = channel.accept();
      if (sc == null) return;
      Connection c;
      try {
        c = Connection.accepted(loop, sc);
      } catch (IOException e) {
        sc.close();
        continue;
      }
      if (http != null) {
        http.attach(c);
      } else {
        loop.runCallback(CallbackKind.IO, site, () -> onConnection.accept(c));
      }
    }
  }

  @Override
  void ioFailed(IOException e) {
    // accept failures (for example, too many open files) are transient: keep listening
  }

  @Override
  public String toString() {
    return "TcpServer[port=" + port + (active ? ", listening" : "") + "]";
  }
}
