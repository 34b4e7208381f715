import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.HttpServer;
import dev.workshop.runtime.HttpServer.Request;
import dev.workshop.runtime.HttpServer.Response;

public class Routes {
  /** The largest n that /heavy accepts: fib(45) alone keeps a core busy for several seconds. */
  static final int MAX_N = 45;

  /**
   * Adds the app's routes to the server, like {@code app.get(...)} calls in Express. The host
   * adds {@code /shutdown} and starts listening.
   */
  static void install(EventLoop loop, HttpServer server) {
    server.get("/fast", Routes::fast);
    server.get("/heavy", (req, res) -> heavy(loop, req, res));
  }

  /** GET /fast: answers {@code fast} at once. Don't change it. */
  static void fast(Request req, Response res) {
    res.send("fast\n");
  }

  // Sends the answer from inside the work, on the pool thread, and ignores the error the
  // after-work callback receives: res.send throws IllegalStateException on pool-N, nothing
  // reports it, and no /heavy is ever answered. The verdict must still name that exception.
  static void heavy(EventLoop loop, Request req, Response res) {
    Integer n = parseN(req.query("n"));
    if (n == null) {
      res.status(400).send("n must be a whole number from 0 to " + MAX_N + "\n");
      return;
    }
    loop.queueWork(() -> {
      res.send(fib(n) + "\n");
      return null;
    }, (error, value) -> { });
  }

  /** The n of /heavy?n=..., or null when it is missing, not a number, or out of range. */
  static Integer parseN(String text) {
    try {
      int n = Integer.parseInt(text);
      return n >= 0 && n <= MAX_N ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The n-th Fibonacci number (fib(0) = 0, fib(1) = 1), computed the slowest honest way: two
   * recursive calls per step, some 330 million calls in all for fib(40), which keeps one core
   * busy for about half a second. Plain data in, plain data out: it may run on any thread.
   * Don't change it: the verifier knows its answers, and watches for it on main.
   */
  static long fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }
}
