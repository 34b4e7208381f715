package dev.workshop.runtime.instrument;

/**
 * A loop-owned value was touched from the wrong thread, as
 * {@link RuntimeListener#confinementViolation} sees it.
 *
 * @param owner the loop thread that owns the value
 * @param offender the thread that touched it
 * @param where the offender's stack at the touch, runtime frames included (the top frames are
 *     Java's and the runtime's own; your code comes below them)
 */
public record ConfinementEvent(Thread owner, Thread offender, StackTraceElement[] where) {}
