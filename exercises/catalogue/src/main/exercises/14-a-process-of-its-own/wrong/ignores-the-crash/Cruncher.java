import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;

public class Cruncher {

  static void crunch(EventLoop loop, int job, Host.Reply reply) {
    ChildProcess child = loop.fork("Cruncher");
    child.onLine(reply::line);
    child.onMessage(
        answer -> {
          reply.result((Long) answer);
          child.disconnect();
        });
    // No onExit: a child that crashes never answers, and nobody here hears of it.
    child.send(job);
  }

  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    Parent parent = Parent.of(loop);
    parent.onMessage(job -> parent.send(Host.countPrimes((Integer) job)));
    loop.run();
  }
}
