package dev.workshop.runtime.instrument;

/**
 * One job on the thread pool.
 *
 * @param id unique, increasing id of this job
 * @param callSite where the learner's code queued it: the first stack frame outside the runtime,
 *     or {@code null} when there was none
 */
public record JobEvent(long id, StackTraceElement callSite) {}
