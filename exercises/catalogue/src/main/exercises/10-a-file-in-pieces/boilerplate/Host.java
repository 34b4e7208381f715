// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Makes four files in a new temporary folder, then reads them all at once through your {@code
 * Pieces.readFile}, plus one file that does not exist.
 *
 * <p>Run it as {@code java Host <seed>}: the seed decides the files' bytes (the verifier hands a
 * new one to every run). {@code big.bin} holds 20 MB; {@code small-1.bin}, {@code small-2.bin}
 * and {@code small-3.bin} a few hundred KB each. For each file, your callback's answer is printed
 * on a line of its own, in the order the answers come:
 *
 * <pre>
 * small-2.bin: 200000 bytes, crc32 5f0c1a2e
 * missing.bin: error java.nio.file.NoSuchFileException
 * </pre>
 *
 * <p>The folder is deleted when the loop has nothing left to do.
 */
public class Host {
  /** The files and their sizes in bytes: the big one first. */
  static final String[] NAMES = {"big.bin", "small-1.bin", "small-2.bin", "small-3.bin"};

  static final int[] SIZES = {20_000_000, 300_000, 200_000, 400_000};

  public static void main(String[] args) throws IOException {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 2026;
    Path dir = Files.createTempDirectory("a-file-in-pieces-");
    EventLoop loop = EventLoop.create();
    // Writing 20 MB takes a while: the host does it on the pool, so that main stays free.
    loop.queueWork(
        () -> {
          for (int i = 0; i < NAMES.length; i++) write(dir.resolve(NAMES[i]), seed, i, SIZES[i]);
          return null;
        },
        (error, nothing) -> {
          if (error != null) {
            System.out.println("could not make the files: " + error);
            return;
          }
          // All at once, from one callback: the big file first.
          for (String name : NAMES) {
            Pieces.readFile(loop, dir.resolve(name), (err, bytes) -> answer(name, err, bytes));
          }
          Pieces.readFile(
              loop, dir.resolve("missing.bin"), (err, bytes) -> answer("missing.bin", err, bytes));
        });
    try {
      loop.run();
    } finally {
      for (String name : NAMES) Files.deleteIfExists(dir.resolve(name));
      Files.deleteIfExists(dir);
    }
  }

  /** Prints what your callback got for one file. */
  static void answer(String name, Throwable error, byte[] bytes) {
    if (error != null) {
      System.out.println(name + ": error " + error.getClass().getName());
    } else if (bytes == null) {
      System.out.println(name + ": no error and no bytes");
    } else {
      CRC32 crc = new CRC32();
      crc.update(bytes);
      System.out.printf("%s: %d bytes, crc32 %08x%n", name, bytes.length, crc.getValue());
    }
  }

  /**
   * Writes file number {@code file} of this seed: {@code size} bytes, made 8 at a time from a
   * counter, so that any part of it can be made again without the rest.
   */
  static void write(Path path, long seed, int file, int size) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel out =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      long k = 0;
      for (int done = 0; done < size; ) {
        block.clear();
        while (block.remaining() >= 8) block.putLong(mix(seed, file, k++));
        block.flip();
        block.limit(Math.min(block.limit(), size - done));
        done += block.remaining();
        while (block.hasRemaining()) out.write(block);
      }
    }
  }

  /** The {@code k}-th 8 bytes of file number {@code file} (SplitMix64's mixing function). */
  static long mix(long seed, int file, long k) {
    long z = seed * 0x9E3779B97F4A7C15L + (file + 1) * 0xD1B54A32D192ED03L + k * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
