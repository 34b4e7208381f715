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
    child.onExit(
        code -> {
          if (code != 0) reply.crashed(code);
        });
    // "The child only has to pass the answer on": the count runs here, on the program's pool, and
    // the child echoes it. Main stays free, but the heavy work never left the program's process.
    loop.queueWork(() -> Host.countPrimes(job), (error, count) -> child.send(count));
  }

  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    Parent parent = Parent.of(loop);
    parent.onMessage(answer -> parent.send(answer));
    loop.run();
  }
}
