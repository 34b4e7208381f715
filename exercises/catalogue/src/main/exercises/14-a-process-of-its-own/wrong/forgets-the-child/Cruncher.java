import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;

public class Cruncher {

  static void crunch(EventLoop loop, int job, Host.Reply reply) {
    ChildProcess child = loop.fork("Cruncher");
    child.onLine(reply::line);
    // The answer is reported, but the child is never told that it is done: no disconnect.
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
    // Waits for more jobs for as long as the channel is open: forever, here.
    parent.onMessage(job -> parent.send(Host.countPrimes((Integer) job)));
    loop.run();
  }
}
