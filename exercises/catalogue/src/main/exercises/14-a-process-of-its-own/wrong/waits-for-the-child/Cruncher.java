import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;

public class Cruncher {

  static void crunch(EventLoop loop, int job, Host.Reply reply) {
    ChildProcess child = loop.fork("Cruncher");
    child.onLine(reply::line);
    child.onMessage(answer -> reply.result((Long) answer));
    child.onExit(
        code -> {
          if (code != 0) reply.crashed(code);
        });
    child.send(job);
    // "Wait for the child, as Process.waitFor() would": main is stuck here until the child has
    // exited, so no line, no answer, no other job can be handled meanwhile.
    ProcessHandle.of(child.pid()).ifPresent(p -> p.onExit().join());
  }

  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    Parent parent = Parent.of(loop);
    parent.onMessage(
        job -> {
          parent.send(Host.countPrimes((Integer) job));
          parent.disconnect();
        });
    loop.run();
  }
}
