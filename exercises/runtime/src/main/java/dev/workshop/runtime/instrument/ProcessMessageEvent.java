package dev.workshop.runtime.instrument;

/**
 * One message between a forked child and its parent, as {@link
 * RuntimeListener#processMessageSent} and {@link RuntimeListener#processMessageReceived} see it.
 * A message is always copied: the receiver gets objects of its own, rebuilt from {@code bytes}
 * bytes.
 *
 * @param fromPid the process id of the sender
 * @param toPid the process id of the receiver
 * @param type the class name of the message's value ({@code "null"} for {@code null})
 * @param bytes the size of the copy that crossed between the processes, in bytes
 */
public record ProcessMessageEvent(long fromPid, long toPid, String type, int bytes) {}
