import dev.workshop.runtime.EventLoop;

public class Cruncher {

  static void crunch(EventLoop loop, int job, Host.Reply reply) {
    // "A thread is lighter than a JVM": the count runs beside main, but in the program's own
    // process, sharing its memory; the crash job's System.exit(3) ends the whole program.
    new Thread(
            () -> {
              long count = Host.countPrimes(job);
              loop.post(() -> reply.result(count));
            },
            "cruncher")
        .start();
  }

  public static void main(String[] args) {}
}
