package dev.workshop.runtime;

import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Internal: the message channel between a forked child and its parent, one end in each process.
 *
 * <p>Node gives a forked child an extra pipe; Java cannot hand a child anything but its three
 * standard streams, so the channel is a loopback TCP connection: the parent listens on {@code
 * 127.0.0.1} on a free port, the child connects and proves itself with a one-time token. Frames
 * are {@code [int length][byte kind][body]}. Each end has one reading thread (the caller's) and
 * one writing thread, so a send never blocks the loop, even when the other side does not read.
 */
final class IpcChannel {
  /** A learner's message: the body is {@link IpcCodec} bytes. */
  static final byte MESSAGE = 'M';

  /** Disconnect on purpose: the other end stops reading after it. */
  static final byte BYE = 'B';

  /** A cluster worker asks the primary for a listening port (see {@link ClusterPort}). */
  static final byte LISTEN = 'L';

  /** The primary's answer to {@link #LISTEN}. */
  static final byte REPLY = 'K';

  /** What arrives, on the reading thread. */
  interface Sink {
    void received(byte kind, byte[] body);

    /**
     * The channel closed.
     *
     * @param bye whether the other end said goodbye first, rather than just disappearing
     */
    void closed(boolean bye);
  }

  private static final byte[] STOP = new byte[0];

  private final LinkedBlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();

  /** Frames queued and not yet written and flushed. Guarded by {@code this}. */
  private int unsent;

  private volatile boolean writing = true;
  private final String name;
  private volatile boolean open = true;
  private volatile Socket socket;

  IpcChannel(String name) {
    this.name = name;
  }

  /** Whether frames can still be sent. */
  boolean isOpen() {
    return open;
  }

  /**
   * Queues one frame; from any thread. Frames queued before the connection exists are sent once
   * it does.
   *
   * @return false when the channel is closed (nothing was queued)
   */
  boolean send(byte kind, byte[] body) {
    if (!open) return false;
    byte[] frame = new byte[body.length + 1];
    frame[0] = kind;
    System.arraycopy(body, 0, frame, 1, body.length);
    synchronized (this) {
      unsent++;
    }
    outgoing.add(frame);
    return true;
  }

  /**
   * Waits until every frame queued so far has been written, at most {@code timeoutMs}: at the
   * JVM's exit, so that a message sent just before the end still leaves, as in Node.
   */
  void drain(long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    synchronized (this) {
      while (unsent > 0 && writing) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return;
        try {
          wait(Math.max(1, left / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private synchronized void written(int frames) {
    unsent -= frames;
    notifyAll();
  }

  /** Sends a goodbye and closes, after the frames already queued. */
  void disconnect() {
    if (!open) return;
    send(BYE, new byte[0]);
    open = false;
    outgoing.add(STOP);
  }

  /** Closes at once. */
  void close() {
    open = false;
    outgoing.add(STOP);
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /**
   * Serves a connected socket: starts the writing thread, then reads on the calling thread until
   * the channel closes, handing each frame to {@code sink}.
   */
  void serve(Socket s, Sink sink) {
    socket = s;
    Thread writer = new Thread(() -> write(s), name + "-out");
    writer.setDaemon(true);
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null) listener.runtimeThreadStarting(writer);
    writer.start();
    boolean bye = false;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16))) {
      for (; ; ) {
        int length = in.readInt();
        byte kind = in.readByte();
        byte[] body = new byte[length - 1];
        in.readFully(body);
        if (kind == BYE) {
          bye = true;
          break;
        }
        sink.received(kind, body);
      }
    } catch (EOFException e) {
      // the other end closed
    } catch (IOException e) {
      // the connection broke: the same as closed
    }
    open = false;
    outgoing.add(STOP);
    try {
      s.close();
    } catch (IOException e) {
      // closed anyway
    }
    sink.closed(bye);
  }

  private void write(Socket s) {
    int frames = 0;
    try {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
      for (; ; ) {
        byte[] frame = outgoing.take();
        if (frame == STOP) {
          out.flush();
          written(frames);
          s.shutdownOutput();
          return;
        }
        out.writeInt(frame.length);
        out.write(frame);
        frames++;
        if (outgoing.isEmpty()) {
          out.flush();
          written(frames);
          frames = 0;
        }
      }
    } catch (IOException e) {
      open = false; // the other end is gone; its reader notices
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (this) {
        writing = false;
        notifyAll();
      }
    }
  }
}
