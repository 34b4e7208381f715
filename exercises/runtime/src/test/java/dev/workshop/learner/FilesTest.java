package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.ThreadPool;
import dev.workshop.runtime.instrument.CallbackEvent;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.JobEvent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FilesTest {
  @TempDir Path dir;

  @AfterEach
  void uninstall() {
    Instrumentation.install(null);
  }

  @Test
  void readFileReadsInChunksOnThePoolAndOtherWorkInterleaves() throws Exception {
    byte[] content = new byte[5 * 1024 * 1024 + 123];
    new Random(42).nextBytes(content);
    Path file = Files.write(dir.resolve("big.bin"), content);

    EventLoop loop = EventLoop.create();
    // start the pool first, to know its size
    loop.queueWork(() -> 0, (e, r) -> {});
    loop.run();
    int size = ThreadPool.size();

    RecordingListener rec = new RecordingListener();
    Instrumentation.install(rec);
    // occupy every pool thread, so the file's first chunk and the other job queue up behind them
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < size; i++) {
      loop.queueWork(() -> release.await(30, TimeUnit.SECONDS), (e, r) -> {});
    }
    byte[][] result = new byte[1][];
    String[] callbackThread = new String[1];
    startRead(loop, file, result, callbackThread);
    startOther(loop);
    loop.setTimeout(1, release::countDown);
    loop.run();
    Instrumentation.install(null);

    assertArrayEquals(content, result[0]);
    assertEquals(Thread.currentThread().getName(), callbackThread[0]);

    List<Long> readJobs = new ArrayList<>();
    long otherJob = -1;
    for (var e : rec.of("jobQueued")) {
      JobEvent j = (JobEvent) e.event();
      if (j.callSite().getMethodName().equals("startRead")) readJobs.add(j.id());
      if (j.callSite().getMethodName().equals("startOther")) otherJob = j.id();
    }
    int expectedChunks = (content.length + 64 * 1024 - 1) / (64 * 1024);
    assertEquals(expectedChunks, readJobs.size(), "one pool job per 64 KiB chunk");
    assertTrue(readJobs.size() > 1);
    for (var e : rec.of("jobStarted")) {
      if (readJobs.contains(((JobEvent) e.event()).id()))
        assertTrue(e.thread().matches("pool-\\d+"));
    }
    // FIFO: the other job, queued right after readFile, starts before the file's second chunk
    List<Long> startOrder = new ArrayList<>();
    for (var e : rec.of("jobStarted")) startOrder.add(((JobEvent) e.event()).id());
    assertTrue(
        startOrder.indexOf(otherJob) < startOrder.indexOf(readJobs.get(1)),
        "other work interleaves between chunks");
    assertTrue(
        startOrder.indexOf(otherJob) < startOrder.indexOf(readJobs.get(readJobs.size() - 1)));

    long fsCallbacks =
        rec.of("callbackStarted").stream()
            .map(e -> (CallbackEvent) e.event())
            .filter(
                c ->
                    c.kind() == CallbackKind.FS && c.callSite().getMethodName().equals("startRead"))
            .count();
    assertEquals(1, fsCallbacks);
  }

  private static void startRead(EventLoop loop, Path file, byte[][] result, String[] thread) {
    loop.readFile(
        file,
        (err, bytes) -> {
          assertNull(err);
          result[0] = bytes;
          thread[0] = Thread.currentThread().getName();
        });
  }

  private static void startOther(EventLoop loop) {
    loop.queueWork(() -> "other", (e, r) -> {});
  }

  @Test
  void missingFileGoesToTheCallback() {
    EventLoop loop = EventLoop.create();
    Throwable[] error = new Throwable[1];
    loop.readFile(
        dir.resolve("missing.txt"),
        (err, bytes) -> {
          error[0] = err;
          assertNull(bytes);
        });
    loop.run();
    assertInstanceOf(NoSuchFileException.class, error[0]);
  }

  @Test
  void smallAndEmptyFiles() throws Exception {
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    Path small = Files.writeString(dir.resolve("small.txt"), "hello");
    EventLoop loop = EventLoop.create();
    List<String> got = new ArrayList<>();
    loop.readFile(empty, (err, bytes) -> got.add("empty:" + bytes.length));
    loop.readFile(small, (err, bytes) -> got.add("small:" + new String(bytes)));
    loop.run();
    assertTrue(got.contains("empty:0") && got.contains("small:hello"), got.toString());
  }
}
