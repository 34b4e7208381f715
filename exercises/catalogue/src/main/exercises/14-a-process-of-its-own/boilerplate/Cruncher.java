import dev.workshop.runtime.EventLoop;

public class Cruncher {

  /**
   * Runs one job, on main: {@code Host.countPrimes(job)}, with each line it prints, its answer and
   * its crash handed to {@code reply}.
   *
   * <p>This version counts right here, in the program's own process, on main: main is busy for
   * the whole count, and the crash job ends the program itself. TODO: fork a child that runs
   * Cruncher.main (loop.fork("Cruncher")), send it the job, and hand to reply, on main, each line
   * it prints (onLine), its answer (onMessage) and a crash (onExit with a code other than 0).
   */
  static void crunch(EventLoop loop, int job, Host.Reply reply) {
    reply.result(Host.countPrimes(job));
  }

  /** The child's side: runs in the forked JVM. */
  public static void main(String[] args) {
    // TODO: a loop of its own, Parent.of(loop), and on each job from the parent:
    // Host.countPrimes(job), sent back to the parent as a message.
  }
}
