package dev.workshop.runtime;

/**
 * A Node.js-style completion callback, {@code (err, result) => ...}, always run on the loop
 * thread.
 *
 * <p>Exactly one of the two arguments is meaningful: when the operation failed, {@code error}
 * says why and {@code result} is {@code null}; when it succeeded, {@code error} is {@code null}.
 * Used by {@link EventLoop#readFile(java.nio.file.Path, Callback)} (Node's {@code fs.readFile})
 * and {@link EventLoop#connect(String, int, Callback)} (Node's {@code net.connect}).
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface Callback<T> {

  /**
   * Receives the outcome, on the loop thread.
   *
   * @param error why the operation failed, or {@code null} when it succeeded
   * @param result the result, or {@code null} when it failed
   */
  void call(Throwable error, T result);
}
