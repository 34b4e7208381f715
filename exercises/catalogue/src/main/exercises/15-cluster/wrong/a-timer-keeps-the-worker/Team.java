import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.Cluster;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.HttpServer;
import dev.workshop.runtime.HttpServer.Request;
import dev.workshop.runtime.HttpServer.Response;
import java.util.ArrayList;
import java.util.List;

public class Team {
  /** The largest n that /fib accepts. */
  static final int MAX_N = 45;

  /** The workers running now; only ever touched on the primary's loop thread. */
  private static final List<ChildProcess> workers = new ArrayList<>();

  /** Set once a worker asked for the shutdown: from then on, a worker that exits stays gone. */
  private static boolean stopping;

  /**
   * The primary's part: it forks the workers and looks after them, and serves nobody itself.
   * Everything here runs on the primary's loop thread, in callbacks: the primary is an event loop
   * too, and must never wait for a worker.
   */
  static void primary(EventLoop loop) {
    // One worker per processor, so that every core runs a loop of ours; at least two, so that one
    // dying never leaves the port without a server; at most four, as the lesson asks.
    int count = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    for (int i = 0; i < count; i++) start(loop);
    // Called for every worker that exits, on this loop, after it has gone.
    Cluster.onExit(loop, (worker, code) -> {
      workers.remove(worker);
      if (stopping) return; // it was told to stop: replacing it would undo the shutdown
      System.out.println("worker (pid " + worker.pid() + ") exited with code " + code
          + ": starting another");
      start(loop); // forking returns at once: the new JVM boots while this loop goes on
    });
  }

  /** Forks one worker and listens to what it says. */
  private static void start(EventLoop loop) {
    ChildProcess worker = Cluster.fork(loop);
    workers.add(worker);
    worker.onMessage(message -> {
      if ("shutdown".equals(message) && !stopping) {
        stopping = true;
        for (ChildProcess w : workers) w.send("stop");
      }
    });
    // A worker that died just before "stop" reached it cannot take the message: that is an error
    // event, and with no error callback it would end the primary's loop.
    worker.onError(error -> System.err.println("worker (pid " + worker.pid() + "): " + error));
  }

  /**
   * A worker's routes, like {@code app.get(...)} calls in Express: {@code GET /} says which worker
   * answered, {@code GET /fib?n=N} answers fib(N). The host adds {@code /shutdown} and listens.
   * Each worker is a whole program with one loop of its own: the heavy part stays on its pool.
   */
  static void routes(EventLoop loop, HttpServer server) {
    server.get("/", (req, res) -> res.send("hello from worker " + Cluster.workerId() + "\n"));
    server.get("/fib", (req, res) -> fib(loop, req, res));
    // Says every 2 s that this worker is still up: a timer that keeps the worker's loop alive,
    // even after "stop" closed its server and its channel.
    loop.setInterval(2000, () -> System.out.println("worker " + Cluster.workerId() + " is up"));
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
