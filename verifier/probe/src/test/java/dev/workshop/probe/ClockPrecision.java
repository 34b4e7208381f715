package dev.workshop.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test: the bench {@code verifier/bench/clock-precision.sh} runs it (Linux only). Both
 * clocks on one thread at once: {@code N} callback-like bursts of {@code MS} ms of CPU each, 5 ms
 * apart; per burst, the wait for a CPU schedstat measured and the one the portable clock
 * estimated, and the time each would charge (wall minus wait minus VM pauses). With {@code
 * syscalls}, the burst also makes a system call every few microseconds (it reads schedstat),
 * which is where a busy kernel likes to preempt a thread: in native code, where the portable
 * clock forgives nothing.
 *
 * <p>Usage: {@code ClockPrecision N MS [syscalls]}; prints one line per figure, in ms.
 */
public final class ClockPrecision {
  private ClockPrecision() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    long workNs = Long.parseLong(args[1]) * 1_000_000L;
    boolean syscalls = args.length > 2 && args[2].equals("syscalls");
    VmClocks vm = new VmClocks();
    RunnableMeter.start(new Threads(Thread.currentThread()), vm);
    ThreadClock exact = SchedstatClock.open(Path.of("/proc/thread-self/schedstat"));
    if (!exact.available()) throw new IllegalStateException("no schedstat here: Linux only");
    PortableClock portable = PortableClock.forCurrentThread();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] real = new long[n];
    long[] estimated = new long[n];
    long[] error = new long[n];
    long[] chargedExact = new long[n];
    long[] chargedPortable = new long[n];
    long sink = 0;
    for (int i = 0; i < n; i++) {
      Thread.sleep(5);
      exact.read();
      portable.read();
      long pause0 = vm.pauseMillis();
      long wait0 = exact.waiting();
      long est0 = portable.waiting();
      long cpu0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      do {
        for (int k = 0; k < 20_000; k++) sink += k * 31L;
        if (syscalls) exact.read();
      } while (mx.getCurrentThreadCpuTime() - cpu0 < workNs);
      exact.read();
      portable.read();
      long wall = System.nanoTime() - t0 - (vm.pauseMillis() - pause0) * 1_000_000L;
      real[i] = exact.waiting() - wait0;
      estimated[i] = portable.waiting() - est0;
      error[i] = estimated[i] - real[i];
      chargedExact[i] = wall - real[i];
      chargedPortable[i] = wall - estimated[i];
    }
    System.out.println(
        "bursts "
            + n
            + " of "
            + args[1]
            + " ms of CPU"
            + (syscalls ? ", with system calls" : "")
            + (sink == 42 ? "." : ""));
    print("wait for a CPU, schedstat", real);
    print("wait for a CPU, portable", estimated);
    print("portable minus schedstat", error);
    print("charged, schedstat clock", chargedExact);
    print("charged, portable clock", chargedPortable);
  }

  private static void print(String name, long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    System.out.printf(
        "%-28s median %8.1f  p10 %8.1f  p90 %8.1f  max %8.1f%n",
        name,
        s[s.length / 2] / 1e6,
        s[s.length / 10] / 1e6,
        s[s.length * 9 / 10] / 1e6,
        s[s.length - 1] / 1e6);
  }
}
