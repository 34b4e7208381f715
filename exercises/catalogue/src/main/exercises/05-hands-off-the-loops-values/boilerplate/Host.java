// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import dev.workshop.runtime.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hands your Digest.digest a big document that belongs to the loop, and keeps using the loop
 * while the digest is computed.
 *
 * <p>Both values are loop-owned, the stand-in for JavaScript objects: only main may touch them.
 */
public class Host {
  static final int LINES = 40_000;

  public static void main(String[] args) {
    EventLoop loop = EventLoop.create();
    // Start the pool's threads now, before the loop runs: on a busy machine starting threads takes
    // a while, and that time belongs to no callback of yours. (The verifier ignores this job.)
    loop.queueWork(() -> null, (error, nothing) -> { });
    LoopOwned<List<String>> document = loop.own(generate(LINES));
    LoopOwned<String> digest = loop.own(null);

    loop.post(() -> {
      // The dots start here, in the same callback that prints Hashing: none can come first.
      Timer dots = loop.setInterval(50, () -> System.out.print("."));
      Digest.digest(loop, document, digest, () -> {
        System.out.println("Done!");
        System.out.println("digest: " + digest.get());
        System.out.println("document now has " + document.get().size() + " lines");
        dots.cancel();
      });
      // The loop goes on with its own values while the digest is being computed.
      document.get().add("a line added on main after digest was called");
      System.out.print("Hashing");
    });

    loop.run();
  }

  /** The same pseudo-random document every time: about 2 MB of words. */
  static List<String> generate(int lines) {
    String[] words = {"loop", "thread", "pool", "callback", "process", "heap", "stack", "core",
        "timer", "post", "work", "main", "libuv", "node", "java", "queue"};
    Random random = new Random(2024);
    List<String> document = new ArrayList<>(lines + 1);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      line.setLength(0);
      line.append(i).append(':');
      int count = 4 + random.nextInt(8);
      for (int w = 0; w < count; w++) {
        line.append(' ').append(words[random.nextInt(words.length)]);
      }
      document.add(line.toString());
    }
    return document;
  }
}
