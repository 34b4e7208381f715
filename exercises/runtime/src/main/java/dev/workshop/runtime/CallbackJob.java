package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.JobKind;

/**
 * One pool job of the runtime's own (an fs call, a lookup): {@link #call()} runs on a pool thread,
 * and its result or what it threw goes to a Node-style callback on the loop thread, as libuv's
 * {@code uv_fs_*} and {@code uv_getaddrinfo} requests call back on the loop.
 *
 * @param <T> the result the callback receives
 */
abstract class CallbackJob<T> extends Task {
  private final EventLoop loop;
  private final JobKind jobKind;
  private final Callback<T> callback;
  private T result;
  private Throwable error;

  /**
   * @param loop the loop whose thread runs the callback
   * @param callbackKind how the callback is reported ({@code FS}, {@code DNS})
   * @param jobKind how the job is reported ({@code FS_READ}, {@code LOOKUP}...)
   * @param callback receives {@code (error, result)}: one of them {@code null}
   */
  CallbackJob(EventLoop loop, CallbackKind callbackKind, JobKind jobKind, Callback<T> callback) {
    super(callbackKind, null, null);
    this.loop = loop;
    this.jobKind = jobKind;
    this.callback = callback;
  }

  /** The work, on a pool thread. */
  abstract T call() throws Exception;

  @Override
  JobKind jobKind() {
    return jobKind;
  }

  @Override
  Throwable work() {
    try {
      result = call();
    } catch (Throwable t) {
      error = t;
    }
    return error;
  }

  @Override
  void afterPool() {
    loop.enqueue(this);
  }

  @Override
  public void run() {
    loop.pending--;
    callback.call(error, error == null ? result : null);
  }
}
