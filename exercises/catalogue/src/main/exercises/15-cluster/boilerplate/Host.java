// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.Cluster;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.HttpServer;
import dev.workshop.runtime.Parent;

/**
 * One program, two roles: run it as {@code java Host <port>} and it is the cluster's primary,
 * which calls {@code Team.primary}; every worker the primary forks runs this same {@code main},
 * with the same port, and serves HTTP there.
 *
 * <p>Port 0 means "any free port": every worker gets the same one, and says so in the line
 * {@code worker <id> (pid <pid>) listening on <port>}. A worker adds your routes ({@code
 * Team.routes}) and one of its own, {@code GET /shutdown}: it answers {@code bye} and sends the
 * message {@code "shutdown"} to the primary. A worker that gets the message {@code "stop"} from
 * the primary closes its server and its channel, and ends by itself.
 */
public class Host {
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    EventLoop loop = EventLoop.create();
    long pid = ProcessHandle.current().pid();
    if (Cluster.isPrimary()) {
      // Every worker runs this class's main too, with the same port.
      Cluster.setupPrimary(Host.class, String.valueOf(port));
      System.out.println(
          "primary (pid " + pid + ") on " + Runtime.getRuntime().availableProcessors()
              + " processors");
      Team.primary(loop);
      loop.run();
      System.out.println("primary (pid " + pid + ") done");
    } else {
      int id = Cluster.workerId();
      HttpServer server = loop.createHttpServer();
      Team.routes(loop, server);
      Parent parent = Parent.of(loop);
      server.get("/shutdown", (req, res) -> {
        res.send("bye\n");
        parent.send("shutdown");
      });
      parent.onMessage(message -> {
        if ("stop".equals(message)) {
          server.close();
          parent.disconnect();
        }
      });
      server.listen(port, () -> System.out.println(
          "worker " + id + " (pid " + pid + ") listening on " + server.port()));
      loop.run();
      System.out.println("worker " + id + " (pid " + pid + ") done");
    }
  }
}
