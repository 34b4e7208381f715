package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One TCP connection, served by the loop thread: Node's {@code net.Socket}. You get one from a
 * {@link TcpServer}'s connection callback or from {@link EventLoop#connect(String, int, Callback)}.
 *
 * <p>Everything is non-blocking. {@link #onData(Consumer)} is called on the loop thread whenever
 * bytes arrive; {@link #write(byte[])} never waits (what the network cannot take yet is kept and
 * sent when the socket is ready); {@link #end()} closes your side once everything written is
 * sent. As in Node, when the other side ends the connection, this side ends too, and
 * {@link #onClose(Runnable)} runs once the connection is fully closed.
 *
 * <p>Errors such as "connection reset by peer" close the connection; they go to
 * {@link #onError(Consumer)} when you registered one and are otherwise ignored (Node would treat
 * an unhandled socket error as an uncaught exception).
 *
 * <p>An open connection is an active handle and keeps the loop alive unless
 * {@linkplain #unref() unref'd}. Use it on the loop thread only.
 */
public final class Connection extends LoopHandle implements Handle {
  private final SocketChannel channel;
  private SelectionKey key;
  private InetSocketAddress remote;
  private Consumer<byte[]> onData;
  private StackTraceElement dataSite;
  private Runnable onClose;
  private StackTraceElement closeSite;
  private Consumer<Throwable> onError;
  private StackTraceElement errorSite;
  private ArrayDeque<ByteBuffer> out;
  private Callback<Connection> onConnect;
  private StackTraceElement connectSite;
  private boolean connecting;
  private boolean ending;
  private boolean writeEnded;
  private boolean readEnded;
  private boolean closed;

  /** Set when an HttpServer owns this connection: bytes go to it, not to onData. */
  HttpServer.Session session;

  private Connection(EventLoop loop, SocketChannel channel) {
    super(loop);
    this.channel = channel;
  }

  static Connection accepted(EventLoop loop, SocketChannel sc) throws IOException {
    Connection c = new Connection(loop, sc);
    sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
    c.remote = (InetSocketAddress) sc.getRemoteAddress();
    c.key = loop.register(sc, SelectionKey.OP_READ, c);
    c.activate();
    return c;
  }

  static void connect(
      EventLoop loop, String host, int port, Callback<Connection> cb, StackTraceElement site) {
    SocketChannel sc = null;
    Connection c = null;
    try {
      sc = SocketChannel.open();
      c = new Connection(loop, sc);
      c.onConnect = cb;
      c.connectSite = site;
      sc.configureBlocking(false);
      sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
      c.remote = new InetSocketAddress(host, port);
      c.connecting = true;
      c.activate();
      if (sc.connect(c.remote)) {
        c.key = loop.register(sc, SelectionKey.OP_READ, c);
        Connection done = c;
        loop.enqueue(new Task(null, null, done::connected));
      } else {
        c.key = loop.register(sc, SelectionKey.OP_CONNECT, c);
      }
    } catch (IOException | RuntimeException e) {
      if (c != null) {
        c.closed = true;
        c.deactivate();
      }
      if (sc != null) {
        try {
          sc.close();
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
      loop.defer(CallbackKind.IO, site, () -> cb.call(e, null));
    }
  }

  /**
   * Registers what to do with incoming bytes (Node's {@code socket.on('data', ...)}). Called on
   * the loop thread, once per chunk that arrived; chunk boundaries are not message boundaries:
   * one {@code write} on the other side may arrive as several chunks, or several as one.
   *
   * @param onData receives each chunk of bytes
   * @return this connection
   */
  public Connection onData(Consumer<byte[]> onData) {
    loop.checkThread("Connection.onData");
    this.onData = Objects.requireNonNull(onData, "onData");
    this.dataSite = site();
    return this;
  }

  /**
   * Registers what to do once the connection is closed, by either side (Node's
   * {@code socket.on('close', ...)}). Runs on the loop thread, once.
   *
   * @param onClose the callback
   * @return this connection
   */
  public Connection onClose(Runnable onClose) {
    loop.checkThread("Connection.onClose");
    this.onClose = Objects.requireNonNull(onClose, "onClose");
    this.closeSite = site();
    return this;
  }

  /**
   * Registers what to do when the connection fails (Node's {@code socket.on('error', ...)}),
   * for example when the other side resets it. The connection closes afterwards.
   *
   * @param onError receives the error on the loop thread
   * @return this connection
   */
  public Connection onError(Consumer<Throwable> onError) {
    loop.checkThread("Connection.onError");
    this.onError = Objects.requireNonNull(onError, "onError");
    this.errorSite = site();
    return this;
  }

  /**
   * Sends bytes, without waiting (Node's {@code socket.write(data)}). The bytes are copied, so
   * you may reuse the array.
   *
   * @param data the bytes
   * @throws IllegalStateException after {@link #end()} or {@link #close()}
   */
  public void write(byte[] data) {
    loop.checkThread("Connection.write");
    Objects.requireNonNull(data, "data");
    if (closed || ending) {
      throw new IllegalStateException(
          "write after end: this connection was already ended or closed");
    }
    send(data.clone());
  }

  /**
   * Sends a string as UTF-8 (Node's {@code socket.write(string)}).
   *
   * @param text the text
   * @throws IllegalStateException after {@link #end()} or {@link #close()}
   */
  public void write(String text) {
    loop.checkThread("Connection.write");
    Objects.requireNonNull(text, "text");
    if (closed || ending) {
      throw new IllegalStateException(
          "write after end: this connection was already ended or closed");
    }
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Internal write: no copy, no thread check; ignored when closed. */
  void send(byte[] data) {
    if (closed || ending || data.length == 0) return;
    ByteBuffer b = ByteBuffer.wrap(data);
    if (!connecting && (out == null || out.isEmpty())) {
      try {
        channel.write(b);
      } catch (IOException e) {
        fail(e);
        return;
      }
      if (!b.hasRemaining()) return;
    }
    if (out == null) out = new ArrayDeque<>();
    out.addLast(b);
    if (!connecting) interest(SelectionKey.OP_WRITE, true);
  }

  /**
   * Ends your side of the connection once everything written so far is sent (Node's
   * {@code socket.end()}): the other side sees end-of-file. The connection closes when the other
   * side has ended too. Ending twice does nothing.
   */
  public void end() {
    loop.checkThread("Connection.end()");
    endInternal();
  }

  void endInternal() {
    if (closed || ending) return;
    ending = true;
    if (!connecting && (out == null || out.isEmpty())) shutdownOutput();
  }

  /**
   * Closes the connection at once, dropping anything not yet sent (Node's
   * {@code socket.destroy()}). The close callback runs in a coming iteration.
   */
  @Override
  public void close() {
    loop.checkThread("Connection.close()");
    closeInternal();
  }

  void closeInternal() {
    if (closed) return;
    closed = true;
    if (key != null) key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
    deactivate();
    if (session != null) session.closed();
    Runnable cb = onClose;
    if (cb != null) loop.defer(CallbackKind.IO, closeSite, cb);
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Lets the loop finish even while this connection is open (Node's {@code socket.unref()}).
   *
   * @return this connection
   */
  @Override
  public Connection unref() {
    doUnref("Connection.unref()");
    return this;
  }

  /**
   * Makes the open connection keep the loop alive again (Node's {@code socket.ref()}).
   *
   * @return this connection
   */
  @Override
  public Connection ref() {
    doRef("Connection.ref()");
    return this;
  }

  /** Whether the connection is connecting or open. */
  @Override
  public boolean isActive() {
    return active;
  }

  /**
   * The address and port of the other side (Node's {@code socket.remoteAddress} and
   * {@code remotePort}).
   *
   * @return the remote address
   */
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public String toString() {
    return "Connection["
        + remote
        + (closed ? ", closed" : connecting ? ", connecting" : ", open")
        + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private StackTraceElement site() {
    return Instrumentation.listener() == null ? null : EventLoop.callSite();
  }

  private void interest(int op, boolean on) {
    if (key == null || !key.isValid()) return;
    int ops = key.interestOps();
    key.interestOps(on ? ops | op : ops & ~op);
  }

  private void connected() {
    if (closed) return;
    connecting = false;
    Callback<Connection> cb = onConnect;
    onConnect = null;
    if (out != null && !out.isEmpty()) interest(SelectionKey.OP_WRITE, true);
    else if (ending) shutdownOutput();
    loop.runCallback(CallbackKind.IO, connectSite, () -> cb.call(null, this));
  }

  @Override
  void ioReady(SelectionKey k) throws IOException {
    if (connecting && k.isConnectable()) {
      try {
        channel.finishConnect();
      } catch (IOException e) {
        Callback<Connection> cb = onConnect;
        onConnect = null;
        connecting = false;
        closed = true;
        k.cancel();
        channel.close();
        deactivate();
        loop.runCallback(CallbackKind.IO, connectSite, () -> cb.call(e, null));
        return;
      }
      k.interestOps(SelectionKey.OP_READ);
      connected();
      return;
    }
    if (!closed && k.isValid() && k.isReadable()) read();
    if (!closed && k.isValid() && k.isWritable()) flush();
  }

  @Override
  void ioFailed(IOException e) {
    fail(e);
  }

  private void read() {
    ByteBuffer buf = loop.readBuffer();
    buf.clear();
    int n;
    try {
      n = channel.read(buf);
    } catch (IOException e) {
      fail(e);
      return;
    }
    if (n > 0) {
      byte[] data = Arrays.copyOf(buf.array(), n);
      if (session != null) {
        session.data(data);
      } else {
        Consumer<byte[]> cb = onData;
        if (cb != null) loop.runCallback(CallbackKind.IO, dataSite, () -> cb.accept(data));
      }
    } else if (n < 0) {
      readEnded = true;
      interest(SelectionKey.OP_READ, false);
      if (session != null || writeEnded) {
        closeInternal();
      } else {
        endInternal(); // Node's allowHalfOpen=false: the other side ended, so we end too
      }
    }
  }

  private void flush() {
    while (out != null && !out.isEmpty()) {
      ByteBuffer b = out.peekFirst();
      try {
        channel.write(b);
      } catch (IOException e) {
        fail(e);
        return;
      }
      if (b.hasRemaining()) return;
      out.pollFirst();
    }
    interest(SelectionKey.OP_WRITE, false);
    if (ending) shutdownOutput();
  }

  private void shutdownOutput() {
    if (writeEnded || closed) return;
    writeEnded = true;
    if (readEnded) {
      closeInternal();
      return;
    }
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(IOException e) {
    if (closed) return;
    Consumer<Throwable> cb = onError;
    if (cb != null) loop.defer(CallbackKind.IO, errorSite, () -> cb.accept(e));
    closeInternal();
  }
}
