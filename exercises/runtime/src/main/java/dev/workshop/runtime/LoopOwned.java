package dev.workshop.runtime;

import dev.workshop.runtime.instrument.ConfinementEvent;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;

/**
 * A value that only the loop thread may read or change. Make one with
 * {@link EventLoop#own(Object)}.
 *
 * <p>In Node.js, JavaScript objects live in V8, and only the one JavaScript thread may touch
 * them: a native addon's worker thread that reads a V8 handle ({@code Local<Object>}) crashes the
 * process or corrupts memory. This class makes the same rule visible and safe: {@link #get()} or
 * {@link #set(Object)} from any other thread (a pool thread, your own {@code Thread}) throws a
 * {@link ConfinementError} that names both threads.
 *
 * <p>The way to use loop-owned data in pool work is the way addons do it: on the loop thread,
 * copy the plain data you need out of the value; give the copy to the work; in the after-work
 * callback (back on the loop thread) put the result into a loop-owned value again.
 *
 * <pre>{@code
 * LoopOwned<List<String>> names = loop.own(new ArrayList<>());
 * List<String> copy = List.copyOf(names.get());        // loop thread: copy out
 * loop.queueWork(() -> sortSlowly(copy),                // pool thread: works on the copy
 *     (err, sorted) -> names.set(sorted));              // loop thread: wrap back
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class LoopOwned<T> {
  private final Thread owner;
  private T value;

  LoopOwned(Thread owner, T value) {
    this.owner = owner;
    this.value = value;
  }

  /**
   * Reads the value.
   *
   * @return the value
   * @throws ConfinementError when called from a thread other than the loop thread
   */
  public T get() {
    if (Thread.currentThread() != owner) throw violation("get()");
    return value;
  }

  /**
   * Changes the value.
   *
   * @param newValue the new value
   * @throws ConfinementError when called from a thread other than the loop thread
   */
  public void set(T newValue) {
    if (Thread.currentThread() != owner) throw violation("set()");
    value = newValue;
  }

  /**
   * The thread that owns the value: the loop thread.
   *
   * @return the owner thread
   */
  public Thread owner() {
    return owner;
  }

  private ConfinementError violation(String operation) {
    Thread offender = Thread.currentThread();
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null) {
      listener.confinementViolation(
          new ConfinementEvent(owner, offender, offender.getStackTrace()));
    }
    return new ConfinementError(owner, offender, "LoopOwned." + operation);
  }

  @Override
  public String toString() {
    return "LoopOwned[owner=" + owner.getName() + "]";
  }
}
