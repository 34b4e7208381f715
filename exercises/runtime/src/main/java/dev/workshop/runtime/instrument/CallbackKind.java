package dev.workshop.runtime.instrument;

/** What made the loop run one of your callbacks. */
public enum CallbackKind {
  /** A one-shot timer fired ({@code setTimeout}). */
  TIMER,
  /** A repeating timer fired ({@code setInterval}). */
  INTERVAL,
  /** Work handed to the loop with {@code post}, from the loop thread or any other thread. */
  POST,
  /**
   * The loop-side half of a pool job: {@code queueWork}'s after-work callback, or an
   * {@code AsyncWorker}'s {@code onOK}/{@code onError}.
   */
  AFTER_WORK,
  /**
   * Socket activity: a new connection, incoming data, a connect result, a socket error, a
   * close, or a server's "listening" callback.
   */
  IO,
  /** An HTTP request reaching one of your route handlers. */
  HTTP,
  /** A {@code readFile} result, or an {@code fs().open}, {@code read} or {@code close} result. */
  FS,
  /** A child process's output (stdout or stderr) or its exit. */
  PROCESS,
  /** A worker thread's message, error or exit arriving; or, in a worker, its parent's message. */
  WORKER,
  /** A {@code lookup} or {@code resolve} result arriving (Node's {@code dns}). */
  DNS
}
