import dev.workshop.runtime.ThreadPool;

public class Lanes {

  /**
   * The number of pool threads to use for a batch of {@code jobs} jobs of this kind, on a
   * machine where the JVM may use {@code cores} cores. From 1 to ThreadPool.MAX_SIZE (1024).
   *
   * @param kind "sleep" (jobs that wait) or "cpu" (jobs that compute)
   */
  static int poolSize(String kind, int jobs, int cores) {
    // TODO: measure with "{appname} run myaddon sleep" and "... cpu", then pick per kind.
    return ThreadPool.DEFAULT_SIZE;
  }
}
