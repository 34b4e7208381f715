// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import dev.workshop.runtime.Timer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.RandomAccess;

/**
 * Hands your Digest.digest a big document that belongs to the loop, and keeps using the loop
 * while the digest is computed.
 *
 * <p>Both values are loop-owned, the stand-in for JavaScript objects: only main may touch them.
 * The list inside the document is the loop's too, as a JavaScript array is: reading it from any
 * other thread (its size, a line, a copy, a loop over it) throws ConfinementError, however it got
 * there.
 *
 * <p>{@code java Host} makes the same document every time; {@code java Host 42} makes another one,
 * from the seed 42. The verifier gives a new seed to every verify.
 */
public class Host {
  static final int LINES = 40_000;
  /** The seed of the document when the command line gives none. */
  static final long DEFAULT_SEED = 2024;

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_SEED;
    EventLoop loop = EventLoop.create();
    // Start the pool's threads now, before the loop runs: on a busy machine starting threads takes
    // a while, and that time belongs to no callback of yours. (The verifier ignores this job.)
    loop.queueWork(() -> null, (error, nothing) -> { });
    LoopOwned<List<String>> document = loop.own(new LoopList(loop.own(generate(LINES, seed))));
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

  /** The same pseudo-random document for the same seed: about 2 MB of words. */
  static List<String> generate(int lines, long seed) {
    String[] words = {"loop", "thread", "pool", "callback", "process", "heap", "stack", "core",
        "timer", "post", "work", "main", "libuv", "node", "java", "queue"};
    Random random = new Random(seed);
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

  /**
   * The loop's list of lines: every read and every change goes through a LoopOwned, so only main
   * may make them. On main it is an ordinary list: List.copyOf(it) takes about a millisecond.
   */
  static final class LoopList extends AbstractList<String> implements RandomAccess {
    private final LoopOwned<List<String>> lines;

    LoopList(LoopOwned<List<String>> lines) {
      this.lines = lines;
    }

    @Override
    public String get(int index) {
      return lines.get().get(index);
    }

    @Override
    public int size() {
      return lines.get().size();
    }

    @Override
    public String set(int index, String line) {
      return lines.get().set(index, line);
    }

    @Override
    public void add(int index, String line) {
      lines.get().add(index, line);
      modCount++;
    }

    @Override
    public String remove(int index) {
      String removed = lines.get().remove(index);
      modCount++;
      return removed;
    }

    @Override
    public Object[] toArray() {
      return lines.get().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
      return lines.get().toArray(a);
    }
  }
}
