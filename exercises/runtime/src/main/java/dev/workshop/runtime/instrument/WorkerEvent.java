package dev.workshop.runtime.instrument;

/**
 * A worker thread, as {@link RuntimeListener#workerStarting} and {@link
 * RuntimeListener#workerExited} see it.
 *
 * @param threadId the worker's number, 1 for the first worker of the program (Node's {@code
 *     threadId}); its thread is called {@code worker-<threadId>}
 * @param thread the worker's own thread, which runs its code and its event loop
 * @param parent the thread that created the worker: the loop thread of the loop it reports to
 * @param mainClass the binary name of the worker's {@code WorkerMain} class
 * @param callSite where your code created the worker: the first stack frame outside the runtime,
 *     or {@code null} when there was none
 */
public record WorkerEvent(
    int threadId, Thread thread, Thread parent, String mainClass, StackTraceElement callSite) {}
