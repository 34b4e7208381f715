package dev.workshop.bench;

import dev.workshop.runtime.Dns;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.FileDescriptor;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What instrumentation costs per pool job. Times N jobs queued from the loop thread, run on the
 * pool and called back on the loop, as {@code queueWork}, {@code fs().read} of one byte and
 * {@code lookup} (through a resolver that answers at once), each with no listener and with a no-op
 * listener (call sites walked, job events built, the queue wait measured). Prints the median of
 * several rounds in ns per job, with the fastest and slowest round.
 *
 * <p>Run it with {@code exercises/runtime/bench/pool-jobs.sh [jobs] [rounds]}.
 */
public final class PoolJobBench {
  private PoolJobBench() {}

  interface Submit {
    void submit(EventLoop loop, Runnable done);
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    RuntimeListener noop = new RuntimeListener() {};
    Path file = Files.createTempFile("pool-job-bench", ".bin");
    Files.write(file, new byte[] {1, 2, 3});
    InetAddress address = InetAddress.getByAddress("bench.example", new byte[] {10, 0, 0, 1});
    Dns.setResolver(host -> List.of(address));
    EventLoop opener = EventLoop.create();
    AtomicReference<FileDescriptor> fd = new AtomicReference<>();
    opener.fs().open(file, (err, opened) -> fd.set(opened));
    opener.run();
    System.out.printf(
        "java %s (%s), %d cores, %d jobs per round, median of %d rounds%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        n,
        rounds);
    Submit work = (loop, done) -> loop.queueWork(() -> 1, (e, r) -> done.run());
    Submit read = (loop, done) -> loop.fs().read(fd.get(), 1, 0, (e, b) -> done.run());
    Submit lookup = (loop, done) -> loop.lookup("bench.example", (e, a) -> done.run());
    for (RuntimeListener listener : new RuntimeListener[] {null, noop}) {
      String with = listener == null ? ", no listener" : ", no-op listener";
      report("queueWork" + with, rounds, n, work, listener);
      report("fs().read" + with, rounds, n, read, listener);
      report("lookup" + with, rounds, n, lookup, listener);
    }
    Files.delete(file);
  }

  private static void report(
      String what, int rounds, int n, Submit submit, RuntimeListener listener) {
    round(n, submit, listener); // warm-up
    round(n, submit, listener);
    long[] ns = new long[rounds];
    for (int i = 0; i < rounds; i++) ns[i] = round(n, submit, listener);
    Arrays.sort(ns);
    System.out.printf(
        "%-32s %9.1f ns/job  (rounds %.1f .. %.1f)%n",
        what, (double) ns[rounds / 2] / n, (double) ns[0] / n, (double) ns[rounds - 1] / n);
  }

  private static long round(int n, Submit submit, RuntimeListener listener) {
    Instrumentation.install(listener);
    try {
      int[] done = {0};
      long t0 = System.nanoTime();
      EventLoop loop = EventLoop.create();
      for (int i = 0; i < n; i++) submit.submit(loop, () -> done[0]++);
      loop.run();
      if (done[0] != n) throw new IllegalStateException(done[0] + " of " + n + " jobs called back");
      return System.nanoTime() - t0;
    } finally {
      Instrumentation.install(null);
    }
  }
}
