package dev.workshop.runtime.instrument;

/**
 * One run of one of your loop callbacks, as {@link RuntimeListener#callbackStarted} and
 * {@link RuntimeListener#callbackEnded} see it. A repeating timer that fires three times makes
 * three events.
 *
 * @param id unique id of this run; later runs have larger ids
 * @param kind what made the loop run it
 * @param callSite where your code scheduled it or registered the handler: the first stack frame
 *     outside the runtime, or {@code null} when there was none (for example, when it was
 *     scheduled before the listener was installed)
 */
public record CallbackEvent(long id, CallbackKind kind, StackTraceElement callSite) {}
