package dev.workshop.runtime.instrument;

/**
 * The one place where a {@link RuntimeListener} is plugged in.
 *
 * <p>The workshop's verifier installs its listener before your {@code main} method runs. With no
 * listener installed, the runtime pays one field read per event and builds nothing: no event
 * objects, no stack walks. With a listener, every callback and pool job costs a stack walk to
 * find your call site; {@code docs/runtime.md} gives the measured figures.
 *
 * <p>Install the listener before any loop or pool work starts. Installing or removing it while
 * work is under way is allowed, but that work is reported only in part: for example, a job queued
 * before the install is reported from {@link RuntimeListener#jobStarted jobStarted} on, without
 * a {@link RuntimeListener#jobQueued jobQueued} and without a call site.
 */
public final class Instrumentation {
  private static volatile RuntimeListener listener;
  private static volatile boolean sealed;

  private Instrumentation() {}

  /**
   * Installs {@code newListener}, replacing any other; {@code null} removes it. Any thread may
   * call this.
   *
   * @param newListener the listener that receives every event from now on, or {@code null} for
   *     none
   * @throws IllegalStateException when a listener was installed with {@link #installSealed}: the
   *     verifier's listener stays for the life of the JVM
   */
  public static synchronized void install(RuntimeListener newListener) {
    if (sealed) {
      throw new IllegalStateException(
          "the workshop's verifier is watching this program, and its listener"
              + " cannot be replaced or removed: take the Instrumentation call out of your code");
    }
    listener = newListener;
  }

  /**
   * Installs {@code newListener} for good: any later {@link #install} or {@code installSealed}
   * throws. The verifier's probe uses this before your {@code main} runs, so that a solution
   * cannot switch its eyes off. Any thread may call this, once.
   *
   * @param newListener the listener, not {@code null}
   * @throws IllegalStateException when a sealed listener is installed already
   * @throws NullPointerException when {@code newListener} is {@code null}
   */
  public static synchronized void installSealed(RuntimeListener newListener) {
    java.util.Objects.requireNonNull(newListener, "newListener");
    install(newListener);
    sealed = true;
  }

  /**
   * The installed listener. The runtime reads it once per event and builds the event only when
   * this is not {@code null}.
   *
   * @return the installed listener, or {@code null} when none is
   */
  public static RuntimeListener listener() {
    return listener;
  }
}
