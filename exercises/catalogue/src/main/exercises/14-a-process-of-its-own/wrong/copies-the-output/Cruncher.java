import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;

public class Cruncher {

  static void crunch(EventLoop loop, int job, Host.Reply reply) {
    ChildProcess child = loop.fork("Cruncher");
    // No onLine: the runtime copies the child's output to the program's as it comes, as Node's
    // fork does by default, so the lines never pass through reply.line.
    child.onMessage(
        answer -> {
          reply.result((Long) answer);
          child.disconnect();
        });
    child.onExit(
        code -> {
          if (code != 0) reply.crashed(code);
        });
    child.send(job);
  }

  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    Parent parent = Parent.of(loop);
    parent.onMessage(job -> parent.send(Host.countPrimes((Integer) job)));
    loop.run();
  }
}
