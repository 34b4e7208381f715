package dev.workshop.probe;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.HttpServer;
import dev.workshop.runtime.LoopOwned;
import dev.workshop.runtime.Timer;

/**
 * A small program that touches what solutions touch (timers, posts, the pool, loop-owned values,
 * the HTTP server), run under the probe once per JDK to record the child JVM's class-data archive.
 * It prints nothing and ends in a few hundred milliseconds.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    LoopOwned<StringBuilder> text = loop.own(new StringBuilder());
    Timer ticks = loop.setInterval(5, () -> text.get().append('.'));
    HttpServer server = loop.createHttpServer();
    server.get("/", (req, res) -> res.send("ok"));
    server.listen(0, () -> {});
    loop.post(
        () ->
            loop.queueWork(
                () -> {
                  Thread.sleep(20);
                  return String.format("%d", 42);
                },
                (error, result) -> {
                  text.get().append(result);
                  ticks.cancel();
                  server.close();
                }));
    loop.setTimeout(1, () -> text.get().append(System.nanoTime()));
    loop.run();
  }
}
