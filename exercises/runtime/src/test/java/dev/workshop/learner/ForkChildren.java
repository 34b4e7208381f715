package dev.workshop.learner;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;
import java.util.List;
import java.util.Map;

/** Main classes that the fork tests start as children. */
final class ForkChildren {
  private ForkChildren() {}

  /** A point, to show that records cross between processes. */
  record Point(int x, int y, String label) {}

  /** Answers each message with a copy of it inside a list; a line on stdout when ready. */
  public static final class Echo {
    public static void main(String[] args) {
      EventLoop loop = EventLoop.create();
      Parent parent = Parent.of(loop);
      parent.onMessage(
          m -> {
            if (m instanceof Point p) {
              parent.send(new Point(p.y(), p.x(), p.label() + " swapped"));
            } else {
              parent.send(
                  List.of(
                      "echo",
                      m == null ? "null" : m,
                      Map.of("thread", Thread.currentThread().getName())));
            }
          });
      System.out.println("child ready");
      System.out.print("last line without an end");
      loop.run(); // until the parent disconnects
    }
  }

  /** Listens only once the parent has disconnected: its loop must still end. */
  public static final class LateListener {
    public static void main(String[] args) throws InterruptedException {
      EventLoop loop = EventLoop.create();
      Parent parent = Parent.of(loop);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (parent.isConnected() && System.nanoTime() < deadline) Thread.sleep(5); // bounded
      parent.onMessage(m -> System.out.println("late message " + m));
      loop.run();
      System.out.println("ended");
    }
  }

  /** Exits at once with the code in args[0]. */
  public static final class Quit {
    public static void main(String[] args) {
      System.exit(Integer.parseInt(args[0]));
    }
  }

  /** Throws from main. */
  public static final class Crash {
    public static void main(String[] args) {
      throw new IllegalStateException("boom in the child");
    }
  }

  /** Never ends on its own; prints its pid first. */
  public static final class Sleepy {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("pid " + ProcessHandle.current().pid());
      for (; ; ) Thread.sleep(60_000);
    }
  }

  /**
   * Never ends on its own; when asked to end (its shutdown hooks run), it creates the file named by
   * its first argument. Prints its pid first.
   */
  public static final class Polite {
    public static void main(String[] args) throws InterruptedException {
      java.nio.file.Path marker = java.nio.file.Path.of(args[0]);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      java.nio.file.Files.createFile(marker);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }));
      System.out.println("pid " + ProcessHandle.current().pid());
      for (; ; ) Thread.sleep(60_000);
    }
  }

  /** Says its pid, then will not end when asked: its shutdown hook never returns. */
  public static final class Stubborn {
    public static void main(String[] args) throws InterruptedException {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    for (; ; ) java.util.concurrent.locks.LockSupport.park();
                  }));
      System.out.println("pid " + ProcessHandle.current().pid());
      for (; ; ) Thread.sleep(60_000);
    }
  }

  /** Not a program: no main method. */
  static final class NotPublic {
    public static void main(String[] args) {
      System.out.println("a class that is not public runs too");
    }
  }

  /** Not a program either. */
  public static final class NoMain {}

  /** A parent in a fresh JVM: forks Sleepy, prints its pid, then does what args[0] says. */
  public static final class Parentish {
    public static void main(String[] args) throws InterruptedException {
      EventLoop loop = EventLoop.create();
      var child = loop.fork(Sleepy.class.getName());
      child.onLine(
          line -> {
            System.out.println("child " + line);
            if (args[0].equals("exit")) System.exit(0); // the JVM exits: the child must end too
            if (args[0].equals("unref")) child.unref(); // the loop ends: the child must end too
          });
      if (args[0].equals("hang")) { // killed from outside: the child notices and ends
        loop.setInterval(1000, () -> {});
      }
      loop.run();
      System.out.println("loop ended");
    }
  }
}
