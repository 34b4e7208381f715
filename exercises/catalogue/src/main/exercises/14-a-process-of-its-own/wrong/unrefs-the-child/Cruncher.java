import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;

public class Cruncher {

  static void crunch(EventLoop loop, int job, Host.Reply reply) {
    ChildProcess child = loop.fork("Cruncher");
    // "So that the program does not hang on its child": the loop no longer waits for it, and
    // ends as soon as main's script is done, with the child still counting.
    child.unref();
    child.onLine(reply::line);
    child.onMessage(answer -> reply.result((Long) answer));
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
