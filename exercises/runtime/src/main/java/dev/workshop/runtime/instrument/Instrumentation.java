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

  private Instrumentation() {}

  /**
   * Installs {@code newListener}, replacing any other; {@code null} removes it. Any thread may
   * call this.
   *
   * @param newListener the listener that receives every event from now on, or {@code null} for
   *     none
   */
  public static void install(RuntimeListener newListener) {
    listener = newListener;
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
