import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.Cluster;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.HttpServer;
import dev.workshop.runtime.HttpServer.Request;
import dev.workshop.runtime.HttpServer.Response;

public class Team {
  /** The largest n that /fib accepts. */
  static final int MAX_N = 45;

  /**
   * The primary's part: it runs once, in the primary, before the primary's loop runs. It serves
   * nobody itself; its workers do.
   *
   * <p>TODO: this primary forks one worker only, so one core serves everybody, and when that
   * worker dies nobody replaces it. Fork one worker per available processor (at least 2, at most
   * 4), start a new worker whenever one exits, except once the cluster is shutting down: then
   * every worker must get "stop", and none may be replaced.
   */
  static void primary(EventLoop loop) {
    ChildProcess worker = Cluster.fork(loop);
    // A worker sends "shutdown" when it was asked GET /shutdown; "stop" makes it close and end.
    worker.onMessage(message -> {
      if ("shutdown".equals(message)) worker.send("stop");
    });
  }

  /**
   * A worker's routes, like {@code app.get(...)} calls in Express: {@code GET /} says which worker
   * answered, {@code GET /fib?n=N} answers fib(N). The host adds {@code /shutdown} and listens.
   * Each worker is a whole program with one loop of its own: the heavy part stays on its pool.
   */
  static void routes(EventLoop loop, HttpServer server) {
    server.get("/", (req, res) -> res.send("hello from worker " + Cluster.workerId() + "\n"));
    server.get("/fib", (req, res) -> fib(loop, req, res));
  }

  /** GET /fib?n=N: fib(N) is computed on this worker's pool, and sent from its loop. */
  static void fib(EventLoop loop, Request req, Response res) {
    Integer n = parseN(req.query("n"));
    if (n == null) {
      res.status(400).send("n must be a whole number from 0 to " + MAX_N + "\n");
      return;
    }
    loop.queueWork(
        () -> fib(n),
        (error, value) -> {
          if (error != null) {
            res.status(500).send("fib(" + n + ") failed: " + error + "\n");
            return;
          }
          res.send(value + "\n");
        });
  }

  /** The n of /fib?n=..., or null when it is missing, not a number, or out of range. */
  static Integer parseN(String text) {
    try {
      int n = Integer.parseInt(text);
      return n >= 0 && n <= MAX_N ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The n-th Fibonacci number, the slow way (fib(38): some 150 ms of one core). */
  static long fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }
}
