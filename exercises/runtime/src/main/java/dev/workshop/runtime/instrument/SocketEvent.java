package dev.workshop.runtime.instrument;

/**
 * One thing that happened to a TCP {@code Connection}, as {@link RuntimeListener#socketEvent}
 * sees it: a call your code made ({@code write}, {@code pause}, {@code resume}, or any call made
 * on a thread other than the loop's), or a moment of the connection's life ({@code onDrain} about
 * to run, the connection closed). The runtime itself never pauses or resumes a connection that
 * your code serves: every {@link Kind#PAUSE} and {@link Kind#RESUME} is a call of yours.
 *
 * @param connection the connection's id, unique in the program
 * @param kind what happened
 * @param remotePort the port of the other side (the client's own port, for an accepted
 *     connection), or -1 when unknown
 * @param queuedBytes how many written bytes wait to be sent, right after the event ({@code
 *     Connection.bufferedBytes()})
 * @param call the method called, for {@link Kind#OFF_LOOP} ({@code "Connection.write"}), else
 *     the kind's own name
 * @param callSite where your code made the call: the first stack frame outside the runtime, or
 *     {@code null} when there is none or it was not looked up (the runtime looks it up for
 *     refused writes, pauses, resumes and calls off the loop thread only, as a stack walk costs)
 */
public record SocketEvent(
    long connection,
    Kind kind,
    int remotePort,
    long queuedBytes,
    String call,
    StackTraceElement callSite) {

  /** What happened to the connection. */
  public enum Kind {
    /** {@code write} kept fewer than {@code HIGH_WATER_MARK} bytes and returned {@code true}. */
    WRITE,
    /** {@code write} returned {@code false}: the peer is not keeping up. */
    WRITE_REFUSED,
    /** Your code called {@code pause()}. */
    PAUSE,
    /** Your code called {@code resume()}. */
    RESUME,
    /** Every kept byte was sent after a refused write: {@code onDrain} runs next (if set). */
    DRAIN,
    /** The connection closed, by either side. */
    CLOSED,
    /**
     * A method of the connection was called on a thread other than the loop's; it throws next.
     */
    OFF_LOOP
  }
}
