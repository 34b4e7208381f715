// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.ThreadPool;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a batch of jobs on the pool, four per core (16 on 4 cores, at most 1024), with the pool
 * size your Lanes.poolSize picks, and measures it. Run as {@code java Host sleep} (each job
 * sleeps 200 ms, like a slow file or network call) or {@code java Host cpu} (each job hashes for
 * about 25 ms on one core).
 */
public class Host {
  public static void main(String[] args) {
    String kind = args[0];
    if (!kind.equals("sleep") && !kind.equals("cpu")) {
      throw new IllegalArgumentException("kind must be sleep or cpu, not " + kind);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    // Four jobs per core: more jobs than cores, so lanes per job and lanes per core differ.
    int jobs = Math.min(4 * cores, ThreadPool.MAX_SIZE);
    ThreadPool.setSize(Lanes.poolSize(kind, jobs, cores)); // before the pool's first use

    EventLoop loop = EventLoop.create();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // A starting line: the first jobs wait there until every lane holds one, so the race starts
    // with all lanes full however slowly the pool's threads get going on a busy machine.
    CountDownLatch startingLine = new CountDownLatch(Math.min(ThreadPool.size(), jobs));
    int[] finished = {0};
    long start = System.nanoTime();
    for (int i = 0; i < jobs; i++) {
      loop.queueWork(() -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
          startingLine.countDown();
          startingLine.await(5, TimeUnit.SECONDS);
          return kind.equals("sleep") ? sleepJob() : cpuJob();
        } finally {
          running.decrementAndGet();
        }
      }, (error, result) -> {
        if (error != null) throw new IllegalStateException("a job failed", error);
        finished[0]++;
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (finished[0] == 1) {
          System.out.println("first result after: " + ms + " ms");
        }
        if (finished[0] == jobs) {
          System.out.println("batch took: " + ms + " ms");
        }
      });
    }
    System.out.println("kind: " + kind);
    System.out.println("cores: " + cores);
    System.out.println("jobs: " + jobs);
    System.out.println("pool size: " + ThreadPool.size());
    loop.run();
    System.out.println("most at once: " + most.get());
  }

  /** Waits like I/O: holds a pool thread, uses no CPU. */
  static Object sleepJob() throws InterruptedException {
    Thread.sleep(200);
    return null;
  }

  /** Computes: keeps one core busy for about 25 ms. */
  static Object cpuJob() throws Exception {
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[64 * 1024];
    for (int i = 0; i < 150; i++) {
      sha.update(block);
      block[i % block.length] = sha.digest()[0];
    }
    return block[0];
  }
}
