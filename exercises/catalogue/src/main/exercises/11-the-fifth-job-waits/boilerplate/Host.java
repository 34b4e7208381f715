// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.Dns;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import dev.workshop.runtime.ThreadPool;
import dev.workshop.runtime.Timer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds the addresses of four download mirrors with your Mirrors.find, through a slow name
 * server: every answer takes it {@code java Host <ms>} milliseconds (800 by default), the same on
 * every machine, without the network. While all four names are being asked, it reads a small
 * file with loop.readFile, and prints how long that read took.
 */
public class Host {
  static final List<String> MIRRORS =
      List.of("eu.mirror.example", "us.mirror.example", "asia.mirror.example", "au.mirror.example");

  /** The names being asked right now, on whatever thread asks them. */
  static final AtomicInteger asking = new AtomicInteger();

  static long answerMs = 800;

  public static void main(String[] args) throws Exception {
    if (args.length > 0) answerMs = Long.parseLong(args[0]);
    Dns.setResolver(Host::nameServer);
    Dns.seal(); // names resolve this way for the whole program
    Path dir = Files.createTempDirectory("mirrors");
    dir.toFile().deleteOnExit();
    Path file = dir.resolve("mirrors.txt");
    file.toFile().deleteOnExit();
    Files.writeString(file, String.join("\n", MIRRORS) + "\n");

    ThreadPool.setSize(4); // the pool has 4 threads, as in libuv, and keeps them
    EventLoop loop = EventLoop.create();
    // The pool starts now, with a job of nothing: from here on its size is fixed.
    loop.queueWork(() -> "ready", (error, ready) -> findAll(loop, file));
    loop.run();
  }

  static void findAll(EventLoop loop, Path file) {
    LoopOwned<Map<String, InetAddress>> found = loop.own(new TreeMap<>());
    System.out.println(
        "asking for " + MIRRORS.size() + " mirrors (the name server takes " + answerMs
            + " ms per answer)");
    long asked = System.nanoTime();
    for (String name : MIRRORS) {
      Mirrors.find(loop, name, (error, address) -> {
        found.get().put(name, address); // on main only: found belongs to the loop
        long ms = (System.nanoTime() - asked) / 1_000_000;
        System.out.println(
            name + (error != null ? " failed: " + error.getMessage()
                : " is " + address.getHostAddress()) + " (after " + ms + " ms)");
      });
    }
    // Once the name server is answering all four names at once, read the file.
    boolean[] read = {false};
    Timer[] watch = new Timer[1];
    watch[0] = loop.setInterval(5, () -> {
      boolean allAsking = asking.get() == MIRRORS.size();
      if (read[0] || !(allAsking || found.get().size() == MIRRORS.size())) return;
      read[0] = true;
      watch[0].cancel();
      readNow(loop, file, allAsking);
    });
  }

  static void readNow(EventLoop loop, Path file, boolean allAsking) {
    long start = System.nanoTime();
    loop.readFile(file, (error, bytes) -> {
      if (error != null) throw new IllegalStateException("cannot read " + file, error);
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println(
          "read " + file.getFileName() + " (" + bytes.length + " bytes) in " + ms
              + " ms, from readFile to its callback");
    });
    System.out.println(
        "reading a file "
            + (allAsking ? "while all " + MIRRORS.size() + " names are being asked"
                : "after the names were asked")
            + ": " + loop.pool().running() + " of the pool's " + ThreadPool.size()
            + " threads busy");
  }

  /** The slow name server: each answer takes answerMs, whichever thread asks. */
  static List<InetAddress> nameServer(String host) throws Exception {
    int i = MIRRORS.indexOf(host);
    if (i < 0) return Dns.JDK.resolve(host); // not a mirror: the JDK's own answer
    asking.incrementAndGet();
    try {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(answerMs);
      for (long left; (left = until - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
      return List.of(InetAddress.getByAddress(host, new byte[] {10, 0, (byte) (i + 1), 1}));
    } finally {
      asking.decrementAndGet();
    }
  }
}
