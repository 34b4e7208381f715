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
    // Takes the list out on main, but hands the live list itself to the pool: the list is the
    // loop's own, so stretch's loop over it on pool-1 throws ConfinementError (which this lenient
    // callback prints as a digest). Were it a plain list, the host's added line would race with
    // the hashing.
    List<String> lines = document.get();
    loop.queueWork(
        () -> stretch(lines),
        (error, hex) -> {
          digest.set(error != null ? "failed: " + error : hex);
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
