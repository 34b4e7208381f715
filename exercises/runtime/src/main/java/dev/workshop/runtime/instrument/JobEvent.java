package dev.workshop.runtime.instrument;

/**
 * One job on the thread pool, as {@link RuntimeListener#jobQueued}, {@link
 * RuntimeListener#jobStarted} and {@link RuntimeListener#jobEnded} see it, or one {@code resolve}
 * on its own thread, as {@link RuntimeListener#resolveStarted} sees it. A {@code queueWork} is
 * one job; a {@code readFile} is one job per 64 KiB chunk, each with its own id and the same call
 * site; each {@code fs().open}, {@code fs().read}, {@code fs().close} and {@code lookup} is one
 * job.
 *
 * @param id unique id of this job; later jobs have larger ids
 * @param callSite where your code queued it: the first stack frame outside the runtime, or
 *     {@code null} when there was none (for example, when it was queued before the listener was
 *     installed)
 * @param kind which runtime call made it
 */
public record JobEvent(long id, StackTraceElement callSite, JobKind kind) {

  /**
   * A {@link JobKind#WORK} job.
   *
   * @param id unique id of this job
   * @param callSite where your code queued it, or {@code null}
   */
  public JobEvent(long id, StackTraceElement callSite) {
    this(id, callSite, JobKind.WORK);
  }
}
