package dev.workshop.probe;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends the child JVM, and every process the solution started, when the verifier is gone. The
 * verifier keeps the child's standard input open for the whole run; a daemon thread blocks
 * reading it after the go line. End of stream (the workshop was killed, or closed it) means nobody
 * waits for this run any more: the thread ends the process group the child leads and halts the
 * JVM, without running the solution's shutdown hooks.
 */
public final class ParentWatch {
  /** The exit status of a child that outlived its verifier. */
  static final int ORPHANED = 125;

  private ParentWatch() {}

  /**
   * Starts watching {@code stdin} (the child's real standard input, past the go line) on a daemon
   * thread named {@code workshop-probe-parent-watch}.
   */
  public static Thread start(InputStream stdin) {
    Thread t = new Thread(() -> watch(stdin), "workshop-probe-parent-watch");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void watch(InputStream stdin) {
    byte[] buf = new byte[256];
    try {
      while (stdin.read(buf) >= 0) {
        // the verifier sends nothing after the go line: anything else is ignored
      }
    } catch (IOException e) {
      // closed under us: the same as the end of the stream
    }
    orphaned();
  }

  /** The verifier is gone: end everything of this run, now. */
  static void orphaned() {
    long self = ProcessHandle.current().pid();
    try {
      // The whole group only when this JVM leads it (the verifier started it with setsid):
      // otherwise the group is the workshop's, or the learner's shell's.
      if (ProcessGroup.group(self).orElse(-1) == self) {
        ProcessGroup.killAll(self);
      } else {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      }
    } finally {
      Runtime.getRuntime().halt(ORPHANED);
    }
  }
}
