package dev.workshop.runtime.instrument;

/**
 * One run of one loop callback.
 *
 * @param id unique, increasing id of this run
 * @param kind what made the loop run it
 * @param callSite where the learner's code scheduled it or registered the handler: the first stack
 *     frame outside the runtime, or {@code null} when there was none
 */
public record CallbackEvent(long id, CallbackKind kind, StackTraceElement callSite) {}
