package dev.workshop.runtime;

/**
 * Thrown by {@code postMessage} when the message cannot be copied: it holds something other than
 * the values a message may hold (see {@link Worker}), a {@link LoopOwned} value, itself, or an
 * {@link ArrayBuffer} that cannot be transferred. Node throws an error of the same name in the
 * same place: when the message is posted, not when it arrives.
 *
 * <p>Nothing is sent and nothing is transferred when this is thrown.
 */
public final class DataCloneError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  DataCloneError(String message) {
    super(message);
  }
}
