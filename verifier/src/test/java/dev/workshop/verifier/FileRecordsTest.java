package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.BlockKind;
import dev.workshop.verifier.report.FileEvidence;
import dev.workshop.verifier.report.ProbeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip of the file-call records: the runtime's {@code fileCall} hook, the probe's
 * {@code fcall} records, and {@link FileEvidence} reading them back beside the job records; and
 * the woven file reads that time a read on {@code main}.
 */
class FileRecordsTest {
  @TempDir Path root;

  @Test
  void fileCallsArriveWithDescriptorBytesAndQueueTimes() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.EventLoop;
        import dev.workshop.runtime.FileDescriptor;
        import dev.workshop.runtime.Fs;
        import dev.workshop.runtime.ThreadPool;
        import java.util.concurrent.CountDownLatch;
        import java.nio.file.Files;
        import java.nio.file.Path;
        public class Main {
          static final int CHUNK = 65536;
          public static void main(String[] args) throws Exception {
            Path folder = Files.createTempDirectory("records");
            Path a = folder.resolve("a.bin");
            Path b = folder.resolve("b.bin");
            Files.write(a, new byte[150_000]);
            Files.write(b, new byte[100_000]);
            Path c = folder.resolve("c.bin"); // big enough that reading it takes over 1 ms
            Files.write(c, new byte[32 << 20]);
            ThreadPool.setSize(1); // one lane: the reads of b.bin wait together behind a job
            EventLoop loop = EventLoop.create();
            Fs fs = loop.fs();
            loop.post(() -> {
              fs.open(a, (err, fd) -> readFrom(fs, fd, 0)); // one read at a time, then close
              fs.open(b, (err, fd) -> {                       // two reads at once, never closed
                CountDownLatch queued = new CountDownLatch(1);
                loop.queueWork(() -> { queued.await(); return null; }, (e, x) -> {});
                fs.read(fd, CHUNK, 0, (e, bytes) -> {});
                fs.read(fd, CHUNK, CHUNK, (e, bytes) -> {});
                queued.countDown(); // both reads are in the queue behind the job: let it end
              });
              fs.open(folder.resolve("missing.bin"), (err, fd) -> System.out.println(err));
              try {
                System.out.println(Files.readAllBytes(c).length); // a read on main
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
            loop.run();
            Files.delete(a);
            Files.delete(b);
            Files.delete(c);
            Files.delete(folder);
          }
          static void readFrom(Fs fs, FileDescriptor fd, long position) {
            fs.read(fd, CHUNK, position, (err, bytes) -> {
              if (bytes.length == CHUNK) readFrom(fs, fd, position + CHUNK);
              else fs.close(fd, (e, x) -> {});
            });
          }
        }
        """);
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    ProbeReport r = v.runs().get(0).report();
    FileEvidence files = FileEvidence.of(r);

    List<FileEvidence.Call> a = files.reads("a.bin");
    assertEquals(List.of(65536, 65536, 18928), a.stream().map(FileEvidence.Call::bytes).toList());
    assertTrue(a.stream().allMatch(c -> c.length() == 65536 && c.job().onPool()), a.toString());
    assertTrue(a.stream().allMatch(c -> c.queued() >= 0 && c.queued() <= c.job().start()));
    assertTrue(files.overlapping("a.bin").isEmpty(), a.toString());
    assertEquals(1, files.mostReadsInFlight("a.bin"));
    assertTrue(files.leftOpen("a.bin").isEmpty(), files.of("a.bin").toString());

    assertTrue(files.overlapping("b.bin").isPresent(), files.reads("b.bin").toString());
    assertEquals(2, files.mostReadsInFlight("b.bin"));
    assertEquals(1, files.leftOpen("b.bin").size());

    List<FileEvidence.Call> missing = files.of("missing.bin");
    assertEquals(1, missing.size());
    FileEvidence.Call open = missing.get(0);
    assertTrue(open.isOpen() && open.failed() && open.fd() == -1, open.toString());
    assertEquals("java.nio.file.NoSuchFileException", open.job().thrown());

    List<ProbeReport.Wait> io =
        r.callbacks().stream()
            .flatMap(c -> r.waits(c.id()).stream())
            .filter(w -> w.kind() == BlockKind.BLOCKING_IO)
            .toList();
    // A callback's waits of 1 ms or more are recorded: reading 32 MB takes longer.
    assertEquals(1, io.size(), io.toString());
    assertTrue(io.get(0).site().startsWith("Main.main(Main.java:"), io.toString());
  }
}
