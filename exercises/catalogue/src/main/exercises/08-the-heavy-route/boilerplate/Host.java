// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.HttpServer;

/**
 * Serves your routes over HTTP, on the event loop.
 *
 * <p>Run it as {@code java Host <port>}; port 0 means "any free port", and the line
 * {@code listening on <port>} says which one it got. {@code Routes.install} adds your routes. This
 * file adds one more, {@code GET /shutdown}: it answers {@code bye}, then closes the server. With
 * no server and nothing else pending, {@code loop.run()} returns, the host prints
 * {@code server closed}, and the program ends by itself.
 */
public class Host {
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    EventLoop loop = EventLoop.create();
    // Start the pool's threads now, before the loop runs: on a busy machine starting threads takes
    // a while, and that time belongs to no callback of yours. (The verifier ignores this job.)
    loop.queueWork(() -> null, (error, nothing) -> { });
    HttpServer server = loop.createHttpServer();

    Routes.install(loop, server);

    server.get("/shutdown", (req, res) -> {
      res.send("bye\n");
      // Close in a coming turn of the loop, once the answer is on its way: close() drops
      // whatever an open connection has not sent yet.
      loop.post(server::close);
    });

    server.listen(port, () -> System.out.println("listening on " + server.port()));
    loop.run();
    System.out.println("server closed");
  }
}
