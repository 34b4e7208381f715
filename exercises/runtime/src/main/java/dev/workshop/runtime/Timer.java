package dev.workshop.runtime;

/**
 * A scheduled callback: what {@link EventLoop#setTimeout(long, Runnable)} and
 * {@link EventLoop#setInterval(long, Runnable)} return. Node.js returns the same kind of object
 * from {@code setTimeout}/{@code setInterval}; libuv calls it {@code uv_timer_t}.
 *
 * <p>While a timer is waiting to fire it is <em>active</em> and, unless you {@link #unref()} it,
 * keeps the loop alive. A one-shot timer stops being active when it fires; a repeating one stays
 * active until you {@link #cancel()} it (Node's {@code clearTimeout}/{@code clearInterval}).
 *
 * <p>Like every handle, use it on the loop thread only.
 */
public final class Timer extends LoopHandle implements Handle {
  final Runnable callback;

  /** Nanoseconds between runs of a repeating timer; 0 for a one-shot timer. */
  final long periodNanos;

  long due;
  long seq;
  int heapIndex = -1;
  StackTraceElement site;

  Timer(EventLoop loop, Runnable callback, long periodNanos) {
    super(loop);
    this.callback = callback;
    this.periodNanos = periodNanos;
  }

  /**
   * Cancels the timer: its callback will not run (again). Cancelling a timer that already fired
   * or was already cancelled does nothing. Node's {@code clearTimeout(t)} and
   * {@code clearInterval(t)}. A repeating timer may cancel itself from inside its own callback.
   *
   * @throws IllegalStateException when called from a thread other than the loop thread
   */
  public void cancel() {
    loop.checkThread("Timer.cancel()");
    if (heapIndex >= 0) loop.removeTimer(this);
    deactivate();
  }

  /** Same as {@link #cancel()}. */
  @Override
  public void close() {
    cancel();
  }

  /**
   * Lets the loop finish even though this timer is still pending: the timer fires only if the
   * loop is still running for another reason. Node's {@code timer.unref()}; handy for a
   * "progress dot" interval that should not keep a finished program running.
   *
   * @return this timer
   */
  @Override
  public Timer unref() {
    doUnref("Timer.unref()");
    return this;
  }

  /**
   * Undoes {@link #unref()}: the timer keeps the loop alive again while it is pending.
   *
   * @return this timer
   */
  @Override
  public Timer ref() {
    doRef("Timer.ref()");
    return this;
  }

  /**
   * Whether the timer will still fire: {@code true} until a one-shot timer has fired or any
   * timer is cancelled.
   */
  @Override
  public boolean isActive() {
    return active;
  }

  /**
   * Whether this is a repeating timer (made by {@code setInterval}).
   *
   * @return {@code true} for an interval, {@code false} for a one-shot timeout
   */
  public boolean isRepeating() {
    return periodNanos > 0;
  }

  @Override
  public String toString() {
    return (periodNanos > 0 ? "Timer[interval" : "Timer[timeout")
        + (active ? ", active" : "")
        + (refed ? "" : ", unref'd")
        + "]";
  }
}
