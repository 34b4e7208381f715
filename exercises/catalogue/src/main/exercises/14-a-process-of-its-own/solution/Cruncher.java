import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;

public class Cruncher {

  /**
   * On main, in the program: forks a child JVM for the job and says what to do with what comes
   * back. Every call here returns at once; what the child does arrives later, as callbacks on main.
   */
  static void crunch(EventLoop loop, int job, Host.Reply reply) {
    // A new JVM, with a pid and memory of its own, running Cruncher.main below.
    ChildProcess child = loop.fork("Cruncher");
    // Its standard output, line by line, as the child prints it: never all at once at the end.
    child.onLine(reply::line);
    // The answer travels back as a message (a copy: the child's Long, rebuilt here). Once it has
    // come, disconnect: the child's Parent stops keeping its loop alive, so the child ends.
    child.onMessage(
        answer -> {
          reply.result((Long) answer);
          child.disconnect();
        });
    // A crash is an exit with a code other than 0: the only news a parent gets of it. Nothing of
    // the child's crash reaches this process's memory, so the program lives on to report it.
    child.onExit(
        code -> {
          if (code != 0) reply.crashed(code);
        });
    // The job travels as a message too. send() only queues it: it never waits for the child.
    child.send(job);
  }

  /** The child's side: its own main, in its own JVM, with a loop of its own. */
  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    Parent parent = Parent.of(loop);
    // The heavy work runs here, in the child's process: its main is busy, the program's is not.
    // What countPrimes prints goes to this process's standard output, which the parent reads.
    parent.onMessage(job -> parent.send(Host.countPrimes((Integer) job)));
    // Runs until the parent disconnects (or the crash job ends the whole process).
    loop.run();
  }
}
