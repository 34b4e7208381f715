package dev.workshop.runtime;

/**
 * What to do on the loop thread once a piece of pool work is finished: the second half of
 * {@link EventLoop#queueWork(java.util.concurrent.Callable, AfterWork)}.
 *
 * <p>It has the shape of a Node.js callback, {@code (err, result) => ...}: exactly one of the two
 * arguments is meaningful. If the work threw, {@code error} is what it threw and {@code result}
 * is {@code null}; otherwise {@code error} is {@code null} and {@code result} is what the work
 * returned. In libuv this is the {@code after_work_cb} of {@code uv_queue_work}.
 *
 * <p>It always runs on the loop thread, so it may touch {@link LoopOwned} values, write to
 * connections, answer HTTP requests and schedule more work.
 *
 * @param <T> the type of the work's result
 */
@FunctionalInterface
public interface AfterWork<T> {

  /**
   * Receives the outcome of the work, on the loop thread.
   *
   * @param error what the work threw, or {@code null} when it succeeded
   * @param result what the work returned, or {@code null} when it failed
   */
  void done(Throwable error, T result);
}
