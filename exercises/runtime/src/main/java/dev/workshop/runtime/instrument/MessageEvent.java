package dev.workshop.runtime.instrument;

import java.util.List;

/**
 * One message between a worker and its parent, as {@link RuntimeListener#messagePosted} and
 * {@link RuntimeListener#messageReceived} see it. Both hooks get the same event object for the
 * same message.
 *
 * @param id unique id of this message; later messages have larger ids
 * @param workerThreadId which worker sent or receives it (its {@code threadId})
 * @param toWorker {@code true} for a message from the parent to the worker ({@code
 *     worker.postMessage}), {@code false} for one from the worker to its parent
 * @param sender the thread that posted it
 * @param type the class of the message's top value ({@code "null"} for {@code null})
 * @param sharedBufferIds the ids of the {@code SharedBuffer}s the message holds: these were
 *     shared, not copied; empty when everything was copied; unmodifiable
 * @param transferred how many {@code ArrayBuffer}s were moved (transferred) rather than copied
 * @param callSite where your code posted it: the first stack frame outside the runtime, or
 *     {@code null} when there was none
 */
public record MessageEvent(
    long id,
    int workerThreadId,
    boolean toWorker,
    Thread sender,
    String type,
    List<Integer> sharedBufferIds,
    int transferred,
    StackTraceElement callSite) {}
