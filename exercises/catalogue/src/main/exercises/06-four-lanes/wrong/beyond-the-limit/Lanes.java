import dev.workshop.runtime.ThreadPool;

public class Lanes {

  /**
   * The number of pool threads to use for a batch of {@code jobs} jobs of this kind, on a
   * machine where the JVM may use {@code cores} cores.
   */
  static int poolSize(String kind, int jobs, int cores) {
    if (kind.equals("sleep")) {
      // A sleeping thread uses no core, so waiting jobs can all wait at once: one thread per
      // job, within the pool's limit. Threads are not free (each has a stack), so no more
      // than the batch needs.
      return 2000; // "plenty of lanes": over the limit of 1024
    }
    // A computing thread needs a core. With more threads than cores they only take turns:
    // the batch ends no sooner, and every single result comes later.
    return Math.min(cores, ThreadPool.MAX_SIZE);
  }
}
