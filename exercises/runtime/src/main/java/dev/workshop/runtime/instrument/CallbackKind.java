package dev.workshop.runtime.instrument;

/** What made the loop run a callback. */
public enum CallbackKind {
  /** A one-shot timer fired ({@code setTimeout}). */
  TIMER,
  /** A repeating timer fired ({@code setInterval}). */
  INTERVAL,
  /** Work handed to the loop with {@code post}. */
  POST,
  /** The loop-side half of a pool job: its result or error coming back. */
  AFTER_WORK,
  /** Socket activity: accept, data, close. */
  IO,
  /** An HTTP request reaching a route handler. */
  HTTP,
  /** A file operation finishing. */
  FS,
  /** A child process's output or exit. */
  PROCESS
}
