package dev.workshop.runtime.instrument;

/**
 * One child process the runtime started, as {@link RuntimeListener#processStarted} and {@link
 * RuntimeListener#processExited} see it.
 *
 * @param pid the child's process id
 * @param parentPid the process id of the program that started it (this JVM)
 * @param kind how it was started
 * @param command what runs in it: the program and its arguments for {@code spawn}, the main class
 *     and its arguments for {@code fork} and cluster workers
 * @param callSite where your code started it: the first stack frame outside the runtime, or {@code
 *     null} when there was none
 */
public record ProcessEvent(
    long pid, long parentPid, Kind kind, String command, StackTraceElement callSite) {

  /** How a child process was started. */
  public enum Kind {
    /** {@code loop.spawn(command, args...)}: any program, no message channel. */
    SPAWN,
    /** {@code loop.fork(mainClass, args...)}: a JVM running a class, with a message channel. */
    FORK,
    /** {@code Cluster.fork(loop)}: a cluster worker, a fork of the program's own main class. */
    CLUSTER_WORKER
  }
}
