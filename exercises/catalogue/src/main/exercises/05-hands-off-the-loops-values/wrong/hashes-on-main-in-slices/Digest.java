import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;

public class Digest {
  static final int ROUNDS = 48;
  static final int SLICE = 5_000;

  static void digest(EventLoop loop, LoopOwned<List<String>> document, LoopOwned<String> digest,
      Runnable done) {
    List<String> snapshot = List.copyOf(document.get());
    CountDownLatch hashed = new CountDownLatch(1);
    String[] result = new String[1];
    loop.queueWork(() -> { stretch(List.of()); hashed.await(); return null; }, (error, x) -> {
      digest.set(result[0]);
      done.run();
    });
    byte[][] state = {new byte[32]};
    MessageDigest[] sha = {null};
    int[] round = {0};
    int[] next = {0};
    Runnable[] step = new Runnable[1];
    step[0] = () -> {
      try {
        if (next[0] == 0) {
          sha[0] = MessageDigest.getInstance("SHA-256");
          sha[0].update(state[0]);
        }
        int end = Math.min(snapshot.size(), next[0] + SLICE);
        for (int i = next[0]; i < end; i++) {
          sha[0].update(snapshot.get(i).getBytes(StandardCharsets.UTF_8));
          sha[0].update((byte) '\n');
        }
        next[0] = end;
        if (end == snapshot.size()) {
          state[0] = sha[0].digest();
          next[0] = 0;
          round[0]++;
        }
      } catch (NoSuchAlgorithmException e) { throw new IllegalStateException(e); }
      if (round[0] < ROUNDS) loop.post(step[0]);
      else { result[0] = HexFormat.of().formatHex(state[0]); hashed.countDown(); }
    };
    loop.post(step[0]);
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
