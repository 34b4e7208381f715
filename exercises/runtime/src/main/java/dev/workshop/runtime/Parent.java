package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.ProcessMessageEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The forked child's side of the message channel: what Node gives a forked child as {@code
 * process.send(message)} and {@code process.on('message', ...)}. Only a program started with
 * {@link EventLoop#fork(String, String...)} (or {@link Cluster#fork(EventLoop)}) has a parent to
 * talk to; {@link #isForked()} says whether this one was.
 *
 * <pre>{@code
 * public class Squarer {
 *   public static void main(String[] args) {
 *     EventLoop loop = EventLoop.create();
 *     Parent parent = Parent.of(loop);
 *     parent.onMessage(n -> parent.send((Integer) n * (Integer) n)); // answers each number
 *     loop.run(); // runs until the parent disconnects
 *   }
 * }
 * }</pre>
 *
 * <p>Messages are copied, both ways, with the rules of {@link ChildProcess#send(Object)}. Those
 * that arrive before you register {@link #onMessage(Consumer)} are kept for it (the parent may
 * send before your {@code main} even started). While a message callback is registered and the
 * channel is open, the parent handle keeps this loop alive, like Node's channel with a {@code
 * 'message'} listener; when the parent {@linkplain ChildProcess#disconnect() disconnects} it
 * stops doing so, and the loop can end. When the parent process is gone (it crashed or was
 * killed), this program ends too: a child never outlives its parent. Use it on the loop thread
 * only.
 */
public final class Parent extends LoopHandle implements Handle {
  private static volatile Link link;

  private Consumer<Object> onMessage;
  private StackTraceElement messageSite;
  private boolean disconnected;

  private Parent(EventLoop loop) {
    super(loop);
  }

  /**
   * Whether this program was started by {@code fork}, and so has a parent to talk to (in Node:
   * whether {@code process.send} exists).
   *
   * @return {@code true} in a forked child
   */
  public static boolean isForked() {
    return link != null;
  }

  /**
   * The parent channel, delivered on {@code loop}'s thread. Call it on the loop thread; the first
   * loop that asks owns the channel, and asking again gives the same object.
   *
   * @param loop this program's loop
   * @return the parent
   * @throws IllegalStateException when this program was not forked, or another loop owns the
   *     channel
   */
  public static Parent of(EventLoop loop) {
    loop.checkThread("Parent.of");
    Link l = link;
    if (l == null)
      throw new IllegalStateException(
          "this program was not started with loop.fork(...), so it has no parent to talk to:"
              + " check Parent.isForked() first");
    synchronized (l) {
      if (l.parent == null) l.parent = new Parent(loop);
      if (l.parent.loop != loop)
        throw new IllegalStateException(
            "the parent channel belongs to the loop on thread \""
                + l.parent.loop.thread().getName()
                + "\"; use that loop");
      return l.parent;
    }
  }

  /**
   * Registers what to do with each message from the parent (Node's {@code process.on('message',
   * ...)}), on the loop thread. Messages that came before are delivered now, in order, in coming
   * iterations.
   *
   * @param onMessage receives each message (a copy)
   * @return this parent
   */
  public Parent onMessage(Consumer<Object> onMessage) {
    loop.checkThread("Parent.onMessage");
    this.onMessage = Objects.requireNonNull(onMessage, "onMessage");
    this.messageSite = Instrumentation.listener() == null ? null : EventLoop.callSite();
    List<byte[]> early;
    Link l = link;
    synchronized (l) {
      if (l.closed || !l.channel.isOpen()) disconnected = true; // closed before anyone listened
      if (!disconnected) activate();
      l.listening = true;
      early = new ArrayList<>(l.early);
      l.early.clear();
    }
    for (byte[] body : early) loop.enqueue(new Task(null, null, () -> message(body)));
    return this;
  }

  /**
   * Sends a message to the parent (Node's {@code process.send(message)}); it arrives at the
   * parent's {@link ChildProcess#onMessage(Consumer)}. The message is copied now; sending never
   * waits for the parent.
   *
   * @param message the value to copy and send (see {@link ChildProcess#send(Object)} for what can
   *     be sent)
   * @throws IllegalArgumentException when the value cannot be copied to another process
   * @throws IllegalStateException when the channel is closed (a disconnect), or on a thread other
   *     than the loop's
   */
  public void send(Object message) {
    loop.checkThread("Parent.send");
    byte[] bytes = IpcCodec.encode(message);
    Link l = link;
    if (!l.channel.send(IpcChannel.MESSAGE, bytes))
      throw new IllegalStateException(
          "cannot send to the parent: the channel is closed (it was disconnected)");
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null)
      listener.processMessageSent(
          new ProcessMessageEvent(
              ProcessHandle.current().pid(), l.parentPid, IpcCodec.typeOf(message), bytes.length));
  }

  /**
   * Closes the channel from this side (Node's {@code process.disconnect()}): no more messages
   * either way, and the parent handle stops keeping this loop alive.
   */
  public void disconnect() {
    loop.checkThread("Parent.disconnect()");
    link.disconnectedHere = true;
    link.channel.disconnect();
    disconnected();
  }

  /**
   * Whether the channel is open (Node's {@code process.connected}).
   *
   * @return {@code true} until either side disconnects
   */
  public boolean isConnected() {
    return link.channel.isOpen();
  }

  /**
   * The parent's process id (Node's {@code process.ppid}).
   *
   * @return the pid
   */
  public long pid() {
    return link.parentPid;
  }

  /** Same as {@link #disconnect()}. */
  @Override
  public void close() {
    disconnect();
  }

  /**
   * Lets the loop end even while the channel is open (Node's {@code process.channel.unref()}).
   *
   * @return this parent
   */
  @Override
  public Parent unref() {
    doUnref("Parent.unref()");
    return this;
  }

  /**
   * Makes the open channel keep the loop alive again.
   *
   * @return this parent
   */
  @Override
  public Parent ref() {
    doRef("Parent.ref()");
    return this;
  }

  /** Whether a message callback is registered and the channel is open. */
  @Override
  public boolean isActive() {
    return active;
  }

  private void message(byte[] body) {
    Consumer<Object> cb = onMessage;
    Object value;
    try {
      value = IpcCodec.decode(body, IpcCodec.loader());
    } catch (IllegalArgumentException e) {
      loop.runCallback(CallbackKind.PROCESS, messageSite, () -> EventLoop.sneaky(e)); // uncaught
      return;
    }
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null)
      listener.processMessageReceived(
          new ProcessMessageEvent(
              link.parentPid, ProcessHandle.current().pid(), IpcCodec.typeOf(value), body.length));
    loop.runCallback(CallbackKind.PROCESS, messageSite, () -> cb.accept(value));
  }

  private void disconnected() {
    disconnected = true;
    deactivate();
  }

  @Override
  public String toString() {
    return "Parent[pid=" + link.parentPid + (isConnected() ? ", connected" : "") + "]";
  }

  // --- the channel, from before main runs --------------------------------------------------

  /** Connects to the parent named by {@code where} ({@code port:token}); by {@link ForkLauncher}. */
  static void connect(String where) {
    if (where == null) return; // started by hand, not by fork: no parent
    int colon = where.indexOf(':');
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(
          new InetSocketAddress(
              InetAddress.getLoopbackAddress(), Integer.parseInt(where.substring(0, colon))),
          10_000);
      OutputStream out = s.getOutputStream();
      out.write((where.substring(colon + 1) + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException | RuntimeException e) {
      System.err.println("error: this forked child cannot reach its parent: " + e.getMessage());
      System.exit(1);
    }
    long parentPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    Link l = new Link(new IpcChannel("ipc-parent"), parentPid);
    link = l;
    Thread t = new Thread(() -> l.channel.serve(s, l), "ipc-parent");
    t.setDaemon(true);
    t.start();
    // Messages sent just before the program ends still reach the parent.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> l.channel.drain(5_000), "ipc-parent-flush"));
  }

  /**
   * Asks the parent (a cluster's primary) and waits for its answer, at most 10 s; for {@link
   * ClusterPort}.
   */
  static byte[] request(byte kind, byte[] body) throws IOException {
    Link l = link;
    if (l == null) throw new IOException("this program has no parent to ask");
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    synchronized (l) {
      l.answer = answer;
    }
    if (!l.channel.send(kind, body)) throw new IOException("the channel to the parent is closed");
    try {
      return answer.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("the cluster's primary did not answer in 10 s");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the cluster's primary");
    }
  }

  /** The process-wide channel; the reading thread's sink. */
  private static final class Link implements IpcChannel.Sink {
    final IpcChannel channel;
    final long parentPid;
    final List<byte[]> early = new ArrayList<>();
    Parent parent;
    boolean listening;
    CompletableFuture<byte[]> answer;
    boolean closed;
    volatile boolean disconnectedHere;

    Link(IpcChannel channel, long parentPid) {
      this.channel = channel;
      this.parentPid = parentPid;
    }

    @Override
    public void received(byte kind, byte[] body) {
      synchronized (this) {
        if (kind == IpcChannel.REPLY) {
          if (answer != null) answer.complete(body);
          answer = null;
          return;
        }
        if (kind != IpcChannel.MESSAGE) return;
        if (parent == null || !listening) {
          early.add(body);
          return;
        }
      }
      Parent p = parent;
      p.loop.enqueue(new Task(null, null, () -> p.message(body)));
    }

    @Override
    public void closed(boolean bye) {
      Parent p;
      synchronized (this) {
        closed = true;
        if (answer != null)
          answer.completeExceptionally(new IOException("the channel to the parent closed"));
        p = parent;
      }
      if (p != null) p.loop.enqueue(new Task(null, null, p::disconnected));
      if (!bye && !disconnectedHere) {
        // The parent vanished without a goodbye: it crashed or was killed. End with it.
        System.err.println("workshop: the parent process is gone, so this forked child ends too.");
        System.exit(1);
      }
    }
  }
}
