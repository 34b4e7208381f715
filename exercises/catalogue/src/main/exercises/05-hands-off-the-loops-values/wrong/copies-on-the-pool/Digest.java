import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

public class Digest {
  /** How many times stretch hashes the whole document. Don't change it: the verifier knows it. */
  static final int ROUNDS = 48;

  /**
   * Computes the digest of {@code document} as it is now, puts it into {@code digest}, then runs
   * {@code done}, on the loop thread.
   *
   * <p>Three steps on two threads, the way a Node.js native addon uses the libuv pool:
   * copy the plain data out of the loop-owned value on main; hash the copy on a pool thread;
   * back on main, put the result into the loop-owned value.
   */
  static void digest(EventLoop loop, LoopOwned<List<String>> document, LoopOwned<String> digest,
      Runnable done) {
    // Takes the list out on main, but copies it inside the work, on the pool: List.copyOf reads
    // the loop's own list from pool-1 (ConfinementError). Were it a plain list, the copy would race
    // with the host, which adds a line to it right after digest returns.
    List<String> live = document.get();
    loop.queueWork(
        () -> stretch(List.copyOf(live)),
        (error, hex) -> {
          if (error != null) {
            throw new IllegalStateException("the digest failed", error);
          }
          digest.set(hex);
          done.run();
        });
  }

  /**
   * A deliberately slow digest, in the spirit of Node's crypto.pbkdf2: SHA-256 over the whole
   * document, {@value #ROUNDS} times, each round starting from the previous round's hash.
   * Plain data in, plain data out: it may run on any thread. Don't change it.
   */
  static String stretch(List<String> lines) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] state = new byte[32];
    for (int round = 0; round < ROUNDS; round++) {
      sha.update(state);
      for (String line : lines) {
        sha.update(line.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      state = sha.digest();
    }
    return HexFormat.of().formatHex(state);
  }
}
