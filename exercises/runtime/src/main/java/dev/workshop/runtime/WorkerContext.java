package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.MessageEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The worker's side of a {@link Worker}: what Node's {@code worker_threads} module gives a
 * worker's script as {@code parentPort}, {@code workerData} and {@code threadId}, plus the
 * worker's own event loop. {@link WorkerMain#main(WorkerContext)} receives it.
 *
 * <p>Every method must be called on the worker's thread (its name is {@code worker-<threadId>}):
 * in {@code main} or in a callback of the worker's loop. Another thread gets an {@link
 * IllegalStateException}.
 *
 * <pre>{@code
 * public void main(WorkerContext worker) {
 *   int[] numbers = (int[]) worker.workerData();          // a copy of what the parent gave
 *   worker.postMessage(sum(numbers));                     // copied again, to the parent
 * }                                                       // nothing left to do: exit code 0
 * }</pre>
 *
 * <p><b>How long a worker lives.</b> Its loop follows the usual lifetime rule (see {@link
 * EventLoop}); in addition, once you register {@link #onMessage}, the channel to the parent is a
 * ref'd handle that keeps the worker alive, as a {@code parentPort.on('message')} listener does in
 * Node, until you {@link #close()} it, call {@link #exit(int)}, or the parent terminates the
 * worker.
 */
public final class WorkerContext extends LoopHandle {
  private final Worker worker;
  private Consumer<Object> onMessage;
  private StackTraceElement onMessageSite;
  private final ArrayDeque<Object[]> inbox = new ArrayDeque<>();
  private boolean closed;

  WorkerContext(Worker worker, EventLoop loop) {
    super(loop);
    this.worker = worker;
  }

  /**
   * The worker's own event loop, run by the worker's thread after {@code main} returns. Schedule
   * timers, pool work and servers on it as on any loop.
   *
   * @return the worker's loop
   */
  public EventLoop loop() {
    return loop;
  }

  /**
   * A copy of the data the parent passed to {@code new Worker(loop, Main.class, data)}: Node's
   * {@code workerData}.
   *
   * @return the copy, or {@code null} when the parent passed none
   */
  public Object workerData() {
    loop.checkThread("WorkerContext.workerData()");
    return worker.workerData;
  }

  /**
   * This worker's number: 1 for the program's first worker (Node's {@code threadId}; the main
   * thread is 0). The worker's thread is named {@code worker-<threadId>}.
   *
   * @return the number
   */
  public int threadId() {
    return worker.threadId();
  }

  /**
   * Sends a copy of {@code value} to the parent, whose {@link Worker#onMessage} receives it on
   * the parent's loop thread: Node's {@code parentPort.postMessage(value)}. What may be sent, and
   * how it is copied, is explained on {@link Worker}.
   *
   * @param value the message
   * @param transfer {@link ArrayBuffer}s to move instead of copy; they are unusable here afterwards
   * @throws DataCloneError when the message cannot be copied; nothing is sent
   * @throws IllegalStateException when called on another thread than the worker's
   */
  public void postMessage(Object value, ArrayBuffer... transfer) {
    loop.checkThread("WorkerContext.postMessage");
    worker.checkNotTerminated();
    Object[] out = new Object[1];
    String to = "the parent thread \"" + worker.loop.thread().getName() + "\"";
    StructuredClone c = StructuredClone.copy("WorkerContext.postMessage", value, transfer, to, out);
    MessageEvent event = worker.posted(false, value, out[0], c);
    worker.toParent(out[0], event);
  }

  /**
   * Registers what to do with each message from the parent, on this worker's loop thread: Node's
   * {@code parentPort.on('message', handler)}. From now on the channel keeps the worker alive
   * until {@link #close()}. Messages that arrived before are handed over in order.
   *
   * @param handler receives each message (a copy)
   * @return this context
   */
  public WorkerContext onMessage(Consumer<Object> handler) {
    loop.checkThread("WorkerContext.onMessage");
    this.onMessage = Objects.requireNonNull(handler, "handler");
    this.onMessageSite = Instrumentation.listener() == null ? null : EventLoop.callSite();
    if (!closed) activate();
    if (!inbox.isEmpty()) loop.enqueue(new Task(null, null, this::drain));
    return this;
  }

  /**
   * Stops receiving messages from the parent (they are dropped from now on), so that the worker
   * ends once its loop has nothing else to do: Node's {@code parentPort.close()}. Closing twice
   * does nothing.
   */
  public void close() {
    loop.checkThread("WorkerContext.close()");
    closed = true;
    inbox.clear();
    deactivate();
  }

  /**
   * Ends the worker at once with {@code code}, which the parent's {@link Worker#onExit} receives:
   * Node's {@code process.exit(code)} inside a worker. This method does not return: it throws an
   * {@link Error} that the runtime catches at the top of the worker's thread (do not catch it).
   *
   * @param code the exit code
   * @throws IllegalStateException when called on another thread than the worker's
   */
  public void exit(int code) {
    loop.checkThread("WorkerContext.exit");
    throw new Worker.Exit(code);
  }

  /** A message from the parent, on the worker's loop thread. */
  void deliver(Object message, MessageEvent event) {
    if (closed) return;
    if (onMessage == null || !inbox.isEmpty()) {
      inbox.addLast(new Object[] {message, event});
      return;
    }
    hand(message, event);
  }

  private void drain() {
    Object[] m;
    while (onMessage != null && !closed && (m = inbox.pollFirst()) != null) {
      hand(m[0], (MessageEvent) m[1]);
    }
  }

  private void hand(Object message, MessageEvent event) {
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null && event != null) listener.messageReceived(event);
    Consumer<Object> h = onMessage;
    loop.runCallback(CallbackKind.WORKER, onMessageSite, () -> h.accept(message));
  }

  @Override
  public String toString() {
    return "WorkerContext[" + worker.threadName() + (closed ? ", closed" : "") + "]";
  }
}
