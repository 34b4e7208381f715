// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.TcpServer;

/**
 * A line-echo server on the event loop: every client that connects is handed to {@code
 * Echo.serve}.
 *
 * <p>Run it as {@code java Host <port> <clients>}; port 0 means "any free port", and the line
 * {@code listening on <port>} says which one it got. Once {@code <clients>} clients have
 * connected, the server stops listening; when the last of them has gone, nothing is left for the
 * loop to wait for, {@code loop.run()} returns, the host prints {@code server closed}, and the
 * program ends by itself. With no {@code <clients>}, it listens until you stop it (Ctrl-C).
 */
public class Host {
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
    EventLoop loop = EventLoop.create();
    int[] connected = {0};
    TcpServer[] server = new TcpServer[1];
    server[0] =
        loop.createServer(
            conn -> {
              Echo.serve(loop, conn);
              if (++connected[0] == clients) server[0].close(); // the last one: accept no more
            });
    server[0].listen(
        "127.0.0.1", port, () -> System.out.println("listening on " + server[0].port()));
    loop.run();
    System.out.println("server closed");
  }
}
