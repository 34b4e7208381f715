package dev.workshop.runtime.instrument;

/**
 * The one place where a {@link RuntimeListener} is plugged in.
 *
 * <p>The workshop's verifier installs its listener before your {@code main} method runs. With no
 * listener installed, the runtime pays one field read per event and builds nothing.
 */
public final class Instrumentation {
  private static volatile RuntimeListener listener;

  private Instrumentation() {}

  /** Installs {@code newListener}, replacing any other; {@code null} removes it. */
  public static void install(RuntimeListener newListener) {
    listener = newListener;
  }

  /** The installed listener, or {@code null} when none is: check before building an event. */
  public static RuntimeListener listener() {
    return listener;
  }
}
