package dev.workshop.runtime;

/**
 * Pool work written as a class: the Java counterpart of {@code Nan::AsyncWorker} from Node.js
 * native addons. Hand an instance to {@link EventLoop#queueWork(AsyncWorker)}.
 *
 * <p>The three methods run on different threads, and that is the whole point:
 *
 * <ul>
 *   <li>the constructor runs where you create the worker, normally on the loop thread: copy the
 *       plain data the work needs into fields here (Nan's workers copy out of V8 objects in their
 *       constructor);
 *   <li>{@link #execute()} runs on a pool thread ({@code pool-1}, {@code pool-2}...): do the slow
 *       part here, using only the fields, never {@link LoopOwned} values (Nan's
 *       {@code Execute()});
 *   <li>{@link #onOK(Object)} or {@link #onError(Throwable)} runs afterwards on the loop thread:
 *       deliver the result here (Nan's {@code HandleOKCallback}/{@code HandleErrorCallback}).
 * </ul>
 *
 * <pre>{@code
 * loop.queueWork(new AsyncWorker<Long>() {
 *   protected Long execute() { return slowFibonacci(40); }      // pool thread
 *   protected void onOK(Long result) { System.out.println(result); } // loop thread
 * });
 * }</pre>
 *
 * @param <T> the type of the result that {@link #execute()} produces
 */
public abstract class AsyncWorker<T> {

  /** For subclasses. */
  protected AsyncWorker() {}

  /**
   * The slow part, run on a pool thread. It must not touch {@link LoopOwned} values, connections
   * or anything else that belongs to the loop.
   *
   * @return the result, handed to {@link #onOK(Object)} on the loop thread
   * @throws Exception anything; it is handed to {@link #onError(Throwable)} on the loop thread
   */
  protected abstract T execute() throws Exception;

  /**
   * Receives the result of {@link #execute()}, on the loop thread.
   *
   * @param result what {@link #execute()} returned
   */
  protected abstract void onOK(T result);

  /**
   * Receives what {@link #execute()} threw, on the loop thread. The default rethrows it, which
   * makes it an uncaught error that ends {@link EventLoop#run()} as an uncaught exception ends a
   * Node.js program. Override it to handle failures.
   *
   * @param error what {@link #execute()} threw
   */
  protected void onError(Throwable error) {
    throw EventLoop.<RuntimeException>sneaky(error);
  }
}
