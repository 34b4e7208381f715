package dev.workshop.runtime.instrument;

/**
 * A loop-owned value was touched from the wrong thread.
 *
 * @param owner the loop thread that owns the value
 * @param offender the thread that touched it
 * @param where the offender's stack at the touch, runtime frames included
 */
public record ConfinementEvent(Thread owner, Thread offender, StackTraceElement[] where) {}
