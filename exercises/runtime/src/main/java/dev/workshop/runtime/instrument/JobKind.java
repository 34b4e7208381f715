package dev.workshop.runtime.instrument;

/**
 * What a {@link JobEvent} does: which runtime call made it. Most are pool jobs; {@link #RESOLVE}
 * runs on a thread of its own, outside the pool.
 */
public enum JobKind {
  /** {@code queueWork}, with a {@code Callable} or an {@code AsyncWorker}. */
  WORK,
  /** One 64 KiB chunk of a {@code readFile} (Node's {@code fs.readFile}). */
  READ_FILE,
  /** {@code fs().open}: opening a file descriptor (Node's {@code fs.open}). */
  FS_OPEN,
  /** {@code fs().read}: one read from a file descriptor (Node's {@code fs.read}). */
  FS_READ,
  /** {@code fs().close}: closing a file descriptor (Node's {@code fs.close}). */
  FS_CLOSE,
  /** {@code lookup}: a host name resolved on the pool (Node's {@code dns.lookup}). */
  LOOKUP,
  /**
   * {@code resolve}: a host name resolved on a thread of its own, not on the pool (Node's
   * {@code dns.resolve}). Reported with {@link RuntimeListener#resolveStarted} and {@link
   * RuntimeListener#resolveEnded}, never as a pool job.
   */
  RESOLVE
}
