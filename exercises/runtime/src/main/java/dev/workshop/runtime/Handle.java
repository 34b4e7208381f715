package dev.workshop.runtime;

/**
 * Something long-lived that belongs to an {@link EventLoop} and may keep it running: a timer, a
 * server, a connection, a child process. This is libuv's {@code uv_handle_t}.
 *
 * <p><b>The lifetime rule.</b> {@link EventLoop#run()} keeps going while at least one handle is
 * <em>active</em> (a timer that will still fire, a server that is listening, an open connection,
 * a child process that has not exited) and <em>ref'd</em>. Every handle starts ref'd. Calling
 * {@link #unref()} says "do not wait for me": the handle keeps working while the loop runs for
 * other reasons, but it alone does not keep the loop alive. Node.js has the same
 * {@code unref()}/{@code ref()} pair on timers, servers and sockets.
 *
 * <p>Call these methods on the loop thread, like everything in the runtime except
 * {@link EventLoop#post(Runnable)}.
 */
public interface Handle {

  /** Stops the handle for good: a timer is cancelled, a server stops listening, a connection or
   * process stream is closed. Closing twice does nothing. */
  void close();

  /**
   * Stops this handle from keeping the loop alive (Node's {@code unref()}).
   *
   * @return this handle, for chaining
   */
  Handle unref();

  /**
   * Makes this handle keep the loop alive again while it is active (Node's {@code ref()}); this
   * is how every handle starts.
   *
   * @return this handle, for chaining
   */
  Handle ref();

  /**
   * Whether the handle is still doing something: a timer that will fire again, a listening
   * server, an open connection, a running child process.
   *
   * @return {@code true} while active
   */
  boolean isActive();
}
