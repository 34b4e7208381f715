package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import java.util.concurrent.Callable;

/** Internal: one {@code queueWork} request, first on the pool then back on the loop. */
final class Work<T> extends Task {
  private final EventLoop loop;
  private final Callable<T> callable;
  private final AfterWork<T> after;
  private final AsyncWorker<T> worker;
  private T result;
  private Throwable error;

  Work(EventLoop loop, Callable<T> callable, AfterWork<T> after, AsyncWorker<T> worker) {
    super(CallbackKind.AFTER_WORK, null, null);
    this.loop = loop;
    this.callable = callable;
    this.after = after;
    this.worker = worker;
  }

  @Override
  Throwable work() {
    try {
      result = worker != null ? worker.execute() : callable.call();
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
    if (worker == null) {
      after.done(error, error == null ? result : null);
    } else if (error == null) {
      worker.onOK(result);
    } else {
      worker.onError(error);
    }
  }
}
