package dev.workshop.learner;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.ThreadPool;
import java.util.TreeSet;

/** Prints the pool size and its threads' names after the first queueWork. Arg: a size to set first. */
public final class PoolSizeMain {
  public static void main(String[] args) {
    if (args.length > 0) ThreadPool.setSize(Integer.parseInt(args[0]));
    EventLoop loop = EventLoop.create();
    System.out.println("started-before=" + loop.pool().started());
    loop.queueWork(
        () -> Thread.currentThread().getName(),
        (err, name) -> {
          TreeSet<String> names = new TreeSet<>();
          for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("pool-") && t.isDaemon()) names.add(t.getName());
          }
          System.out.println("size=" + ThreadPool.size());
          System.out.println("threads=" + names.size());
          System.out.println("ran-on=" + name.replaceAll("\\d+", "N"));
          System.out.println("started-after=" + loop.pool().started());
        });
    loop.run();
  }
}
