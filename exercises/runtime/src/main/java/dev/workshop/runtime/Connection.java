package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import dev.workshop.runtime.instrument.SocketEvent;
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
import java.util.concurrent.atomic.AtomicLong;
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
 * <p><b>Backpressure.</b> A peer that reads slowly, or not at all, cannot make {@code write} wait,
 * but it does make the kept bytes pile up in memory. As in Node, {@code write} tells you: it
 * returns {@code false} once {@link #HIGH_WATER_MARK} bytes or more are waiting to be sent. Stop
 * writing then, and go on in {@link #onDrain(Runnable)}, which runs once they have all been sent.
 * On the reading side, {@link #pause()} stops {@code onData} (the bytes wait in the operating
 * system, and the sender's writes start returning {@code false}), and {@link #resume()} starts it
 * again:
 *
 * <pre>{@code
 * void pump(Connection conn, Iterator<byte[]> chunks) {
 *   while (chunks.hasNext()) {
 *     if (!conn.write(chunks.next())) {                // the peer is not keeping up
 *       conn.onDrain(() -> pump(conn, chunks));        // go on once it has caught up
 *       return;
 *     }
 *   }
 *   conn.end();
 * }
 * }</pre>
 *
 * <p>Errors such as "connection reset by peer" close the connection; they go to
 * {@link #onError(Consumer)} when you registered one and are otherwise ignored (Node would treat
 * an unhandled socket error as an uncaught exception).
 *
 * <p>An open connection is an active handle and keeps the loop alive unless
 * {@linkplain #unref() unref'd}. Use it on the loop thread only.
 */
public final class Connection extends LoopHandle implements Handle {
  /**
   * How many unsent bytes make {@link #write(byte[])} return {@code false}: 64 KiB, Node's
   * default {@code writableHighWaterMark} since Node 22 (16 KiB before).
   */
  public static final int HIGH_WATER_MARK = 64 * 1024;

  private static final AtomicLong IDS = new AtomicLong();

  private final long id = IDS.incrementAndGet();
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
  private long buffered;
  private boolean needDrain;
  private boolean paused;
  private Runnable onDrain;
  private StackTraceElement drainSite;

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
    checkThread("Connection.onData");
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
    checkThread("Connection.onClose");
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
    checkThread("Connection.onError");
    this.onError = Objects.requireNonNull(onError, "onError");
    this.errorSite = site();
    return this;
  }

  /**
   * Sends bytes, without waiting (Node's {@code socket.write(data)}). The bytes are copied, so
   * you may reuse the array. What the network cannot take at once is kept and sent as the peer
   * reads; when {@link #HIGH_WATER_MARK} bytes or more are kept, this returns {@code false}: stop
   * writing and go on in {@link #onDrain(Runnable)}. The bytes are kept either way.
   *
   * @param data the bytes
   * @return {@code true} when fewer than {@link #HIGH_WATER_MARK} bytes wait to be sent; {@code
   *     false} when the peer is not keeping up
   * @throws IllegalStateException after {@link #end()} or {@link #close()}
   */
  public boolean write(byte[] data) {
    checkThread("Connection.write");
    Objects.requireNonNull(data, "data");
    if (closed || ending) {
      throw new IllegalStateException(
          "write after end: this connection was already ended or closed");
    }
    send(data.clone());
    return reportWrite(writable());
  }

  /**
   * Sends a string as UTF-8 (Node's {@code socket.write(string)}), like {@link #write(byte[])}.
   *
   * @param text the text
   * @return {@code false} when the peer is not keeping up, as for {@link #write(byte[])}
   * @throws IllegalStateException after {@link #end()} or {@link #close()}
   */
  public boolean write(String text) {
    checkThread("Connection.write");
    Objects.requireNonNull(text, "text");
    if (closed || ending) {
      throw new IllegalStateException(
          "write after end: this connection was already ended or closed");
    }
    send(text.getBytes(StandardCharsets.UTF_8));
    return reportWrite(writable());
  }

  private boolean writable() {
    if (buffered < HIGH_WATER_MARK) return true;
    needDrain = true;
    return false;
  }

  /**
   * Registers what to do once the peer has caught up (Node's {@code socket.on('drain', ...)}):
   * after a {@code write} returned {@code false}, this runs on the loop thread as soon as every
   * kept byte has been sent. It runs once per {@code false}, not after every write.
   *
   * @param onDrain the callback
   * @return this connection
   */
  public Connection onDrain(Runnable onDrain) {
    checkThread("Connection.onDrain");
    this.onDrain = Objects.requireNonNull(onDrain, "onDrain");
    this.drainSite = site();
    return this;
  }

  /**
   * How many written bytes wait to be sent (Node's {@code socket.writableLength}).
   *
   * @return the number of bytes kept, 0 when everything was sent
   */
  public long bufferedBytes() {
    checkThread("Connection.bufferedBytes()");
    return buffered;
  }

  /**
   * Stops reading (Node's {@code socket.pause()}): {@link #onData(Consumer) onData} is not called
   * until {@link #resume()}. Incoming bytes wait in the operating system's buffers; once those are
   * full, the other side's writes start returning {@code false}. Pausing twice does nothing.
   *
   * @return this connection
   */
  public Connection pause() {
    checkThread("Connection.pause()");
    paused = true;
    if (!connecting) interest(SelectionKey.OP_READ, false);
    report(SocketEvent.Kind.PAUSE, true);
    return this;
  }

  /**
   * Reads again after {@link #pause()} (Node's {@code socket.resume()}): the bytes that waited
   * arrive in {@code onData}. Resuming a connection that is not paused does nothing.
   *
   * @return this connection
   */
  public Connection resume() {
    checkThread("Connection.resume()");
    paused = false;
    if (!connecting && !readEnded) interest(SelectionKey.OP_READ, true);
    report(SocketEvent.Kind.RESUME, true);
    return this;
  }

  /**
   * Whether {@link #pause()} was called without a {@link #resume()} after it (Node's {@code
   * socket.isPaused()}).
   *
   * @return {@code true} while paused
   */
  public boolean isPaused() {
    return paused;
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
    buffered += b.remaining();
    if (!connecting) interest(SelectionKey.OP_WRITE, true);
  }

  /**
   * Ends your side of the connection once everything written so far is sent (Node's
   * {@code socket.end()}): the other side sees end-of-file. The connection closes when the other
   * side has ended too. Ending twice does nothing.
   */
  public void end() {
    checkThread("Connection.end()");
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
    checkThread("Connection.close()");
    closeInternal();
  }

  void closeInternal() {
    if (closed) return;
    closed = true;
    buffered = 0;
    if (out != null) out.clear();
    if (key != null) key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
    deactivate();
    if (session != null) session.closed();
    else report(SocketEvent.Kind.CLOSED, false);
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

  /** The loop's thread check, reported to the listener before it throws. */
  private void checkThread(String what) {
    RuntimeListener l = Instrumentation.listener();
    if (l != null && !loop.inLoopThread()) {
      l.socketEvent(
          new SocketEvent(
              id, SocketEvent.Kind.OFF_LOOP, remotePort(), buffered, what, EventLoop.callSite()));
    }
    loop.checkThread(what);
  }

  /** Reports a write of your code's, refused or not; returns {@code accepted}. */
  private boolean reportWrite(boolean accepted) {
    if (session == null) {
      report(accepted ? SocketEvent.Kind.WRITE : SocketEvent.Kind.WRITE_REFUSED, !accepted);
    }
    return accepted;
  }

  private void report(SocketEvent.Kind kind, boolean withSite) {
    RuntimeListener l = Instrumentation.listener();
    if (l == null) return;
    l.socketEvent(
        new SocketEvent(
            id, kind, remotePort(), buffered, kind.name(), withSite ? EventLoop.callSite() : null));
  }

  private int remotePort() {
    InetSocketAddress r = remote;
    return r == null ? -1 : r.getPort();
  }

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
    if (paused) interest(SelectionKey.OP_READ, false);
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
        buffered -= channel.write(b);
      } catch (IOException e) {
        fail(e);
        return;
      }
      if (b.hasRemaining()) return;
      out.pollFirst();
    }
    interest(SelectionKey.OP_WRITE, false);
    if (ending) shutdownOutput();
    Runnable drained = onDrain;
    if (needDrain && !closed && !ending) {
      needDrain = false;
      report(SocketEvent.Kind.DRAIN, false);
      if (drained != null) loop.runCallback(CallbackKind.IO, drainSite, drained);
    }
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
