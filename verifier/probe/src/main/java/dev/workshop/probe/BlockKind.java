package dev.workshop.probe;

/** What a thread was doing while it kept the loop busy, as seen in its stack and clock. */
public enum BlockKind {
  COMPUTING("computing", "computing on the CPU"),
  /** Stopped by garbage collection of what the loop thread itself allocated. */
  GC("gc", "stopped for garbage collection of its own allocations"),
  SLEEPING("sleeping", "sleeping"),
  WAITING_FUTURE("waiting-future", "waiting on a future or a join"),
  WAITING_LOCK("waiting-lock", "waiting on a lock"),
  BLOCKING_IO("blocking-io", "in blocking I/O"),
  WAITING("waiting", "waiting");

  private final String code;
  private final String words;

  BlockKind(String code, String words) {
    this.code = code;
    this.words = words;
  }

  /** The short code used in reports and test fixtures: {@code waiting-lock}. */
  public String code() {
    return code;
  }

  /** The kind in a learner's words: {@code waiting on a lock}. */
  public String words() {
    return words;
  }

  public static BlockKind ofCode(String code) {
    for (BlockKind k : values()) {
      if (k.code.equals(code)) return k;
    }
    throw new IllegalArgumentException("no block kind " + code);
  }
}
