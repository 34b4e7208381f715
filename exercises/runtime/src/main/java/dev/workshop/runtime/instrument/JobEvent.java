package dev.workshop.runtime.instrument;

/**
 * One job on the thread pool, as {@link RuntimeListener#jobQueued}, {@link
 * RuntimeListener#jobStarted} and {@link RuntimeListener#jobEnded} see it. A {@code queueWork}
 * is one job; a {@code readFile} is one job per 64 KiB chunk, each with its own id and the same
 * call site.
 *
 * @param id unique id of this job; later jobs have larger ids
 * @param callSite where your code queued it: the first stack frame outside the runtime, or
 *     {@code null} when there was none (for example, when it was queued before the listener was
 *     installed)
 */
public record JobEvent(long id, StackTraceElement callSite) {}
