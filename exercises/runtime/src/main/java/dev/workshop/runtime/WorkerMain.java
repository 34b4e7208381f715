package dev.workshop.runtime;

/**
 * The code a {@link Worker} runs on its own thread: the Java counterpart of the script file that
 * Node's {@code new Worker(file)} runs.
 *
 * <p>Write it as a class of its own (a top-level class or a {@code static} nested class) with a
 * constructor without parameters, and pass the class to {@link Worker#Worker(EventLoop, Class,
 * Object)}. The runtime creates the instance <em>on the worker's thread</em>, so the worker cannot
 * capture the main thread's objects the way a lambda would: everything it gets from outside
 * arrives through {@link WorkerContext#workerData()} and messages, copied. (Static fields are
 * still shared by all threads; keep them constant.)
 *
 * <pre>{@code
 * static final class Doubler implements WorkerMain {
 *   public void main(WorkerContext worker) {               // on worker-1
 *     worker.onMessage(n -> worker.postMessage((Integer) n * 2));
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface WorkerMain {

  /**
   * The worker's top level, run once on the worker's thread before its event loop runs (as
   * Node runs a worker's script, then its loop). Register {@link WorkerContext#onMessage} here,
   * schedule timers on {@link WorkerContext#loop()}, or simply compute and post the result. The
   * worker ends, with exit code 0, once its loop has nothing left to do.
   *
   * @param worker the worker's side of the channel: its loop, its data, its messages
   * @throws Exception anything; it ends the worker (exit code 1) and reaches the parent's
   *     {@link Worker#onError} with its stack
   */
  void main(WorkerContext worker) throws Exception;
}
