package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.FileDescriptor;
import dev.workshop.runtime.Fs;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.JobKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** fs.open / fs.read / fs.close: one pool job each, callbacks on the loop thread. */
@Timeout(60)
class FsDescriptorTest {
  private static final int CHUNK = 64 * 1024;

  @TempDir Path dir;

  @AfterEach
  void uninstall() {
    Instrumentation.install(null);
  }

  @Test
  void readFileBuiltFromChunkedReadsRunsEachStepAsAPoolJob() throws Exception {
    byte[] content = new byte[5 * CHUNK - 123];
    new Random(7).nextBytes(content);
    Path file = Files.write(dir.resolve("chunks.bin"), content);

    JobRecorder rec = new JobRecorder();
    Instrumentation.install(rec);
    EventLoop loop = EventLoop.create();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    List<String> callbackThreads = new ArrayList<>();
    boolean[] closed = {false};
    Fs fs = loop.fs();
    fs.open(
        file,
        (err, fd) -> {
          assertNull(err);
          callbackThreads.add(Thread.currentThread().getName());
          readFrom(fs, fd, 0, got, callbackThreads, closed);
        });
    loop.run();
    Instrumentation.install(null);

    assertArrayEquals(content, got.toByteArray());
    assertTrue(closed[0]);
    String main = Thread.currentThread().getName();
    assertTrue(callbackThreads.stream().allMatch(main::equals), callbackThreads.toString());

    // 5 chunks and one read that finds the end: 6 reads, one open, one close, each a pool job
    assertEquals(1, rec.of("jobStarted", JobKind.FS_OPEN).size());
    assertEquals(6, rec.of("jobStarted", JobKind.FS_READ).size());
    assertEquals(1, rec.of("jobStarted", JobKind.FS_CLOSE).size());
    for (var e : rec.entries) {
      if (e.what().equals("jobStarted") || e.what().equals("jobWaited")) {
        assertTrue(e.thread().matches("pool-\\d+"), e.toString());
      }
    }
    // every read reports how long it waited in the queue, right after it started
    for (var started : rec.of("jobStarted", JobKind.FS_READ)) {
      long id = started.job().id();
      int waited = rec.indexOf("jobWaited", id);
      assertTrue(waited > rec.indexOf("jobStarted", id), "jobWaited follows jobStarted");
      assertTrue(rec.entries.get(waited).nanos() >= 0);
      assertEquals("readFrom", started.job().callSite().getMethodName());
    }
    long fsCallbacks =
        rec.callbacks().stream().filter(e -> e.callback().kind() == CallbackKind.FS).count();
    assertEquals(8, fsCallbacks, "one FS callback per job");
  }

  private static void readFrom(
      Fs fs,
      FileDescriptor fd,
      long position,
      ByteArrayOutputStream got,
      List<String> threads,
      boolean[] closed) {
    fs.read(
        fd,
        CHUNK,
        position,
        (err, chunk) -> {
          assertNull(err);
          threads.add(Thread.currentThread().getName());
          if (chunk.length == 0) {
            fs.close(
                fd,
                (err2, nothing) -> {
                  assertNull(err2);
                  closed[0] = true;
                });
            return;
          }
          got.writeBytes(chunk);
          readFrom(fs, fd, position + chunk.length, got, threads, closed);
        });
  }

  @Test
  void nodeShapedReadFillsTheBufferAtTheOffsetAndCountsTheBytes() throws Exception {
    Path file = Files.writeString(dir.resolve("abc.txt"), "abcdefghij");
    EventLoop loop = EventLoop.create();
    Fs fs = loop.fs();
    byte[] buffer = "..........".getBytes();
    List<Integer> counts = new ArrayList<>();
    List<String> reads = new ArrayList<>();
    fs.open(
        file,
        (err, fd) -> {
          assertTrue(fd.fd() >= 3 && fd.isOpen() && fd.path().equals(file), fd.toString());
          // 4 bytes from position 2 into buffer[1..5)
          fs.read(
              fd,
              buffer,
              1,
              4,
              2,
              (e1, n1) -> {
                counts.add(n1);
                reads.add(new String(buffer));
                // position -1: from the current position (still 0, positional reads don't move
                // it), then onwards
                fs.read(
                    fd,
                    3,
                    -1,
                    (e2, first) -> {
                      reads.add(new String(first));
                      fs.read(
                          fd,
                          3,
                          -1,
                          (e3, next) -> {
                            reads.add(new String(next));
                            // near the end: fewer bytes than asked for
                            fs.read(
                                fd,
                                buffer,
                                0,
                                10,
                                8,
                                (e4, n4) -> {
                                  counts.add(n4);
                                  fs.close(fd, (e5, x) -> {});
                                });
                          });
                    });
              });
        });
    loop.run();
    assertEquals(List.of(".cdef.....", "abc", "def"), reads);
    assertEquals(List.of(4, 2), counts);
  }

  @Test
  void readFromAClosedDescriptorIsAnEbadfErrorInTheCallback() throws Exception {
    Path file = Files.writeString(dir.resolve("c.txt"), "closed soon");
    EventLoop loop = EventLoop.create();
    Fs fs = loop.fs();
    List<Throwable> errors = new ArrayList<>();
    AtomicReference<FileDescriptor> opened = new AtomicReference<>();
    fs.open(
        file,
        (err, fd) -> {
          opened.set(fd);
          fs.close(fd, (e, x) -> assertNull(e));
          assertFalse(fd.isOpen(), "closed for the learner as soon as close is called");
          // queued behind the close, which may not have run yet: EBADF all the same
          fs.read(
              fd,
              4,
              0,
              (e, bytes) -> {
                errors.add(e);
                assertNull(bytes);
                // after the close ran: EBADF too, and so is a second close
                fs.read(fd, new byte[4], 0, 4, -1, (e2, n) -> errors.add(e2));
                fs.close(fd, (e3, x) -> errors.add(e3));
              });
        });
    loop.run();
    assertEquals(3, errors.size(), errors.toString());
    for (Throwable e : errors) {
      assertInstanceOf(IOException.class, e);
      assertTrue(e.getMessage().startsWith("EBADF: bad file descriptor"), e.getMessage());
      assertTrue(e.getMessage().contains("fd " + opened.get().fd()), e.getMessage());
    }
    assertTrue(errors.get(0).getMessage().contains("read"));
    assertTrue(errors.get(2).getMessage().contains("close"));
  }

  @Test
  void openingAMissingFileIsAnErrorInTheCallback() {
    EventLoop loop = EventLoop.create();
    Throwable[] error = new Throwable[1];
    boolean[] called = {false};
    loop.fs()
        .open(
            dir.resolve("missing.txt"),
            (err, fd) -> {
              called[0] = true;
              error[0] = err;
              assertNull(fd);
            });
    loop.run();
    assertTrue(called[0]);
    assertInstanceOf(NoSuchFileException.class, error[0]);
  }

  @Test
  void wrongArgumentsAreThrownAtOnceAndOtherThreadsAreRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("w.txt"), "x");
    EventLoop loop = EventLoop.create();
    Fs fs = loop.fs();
    List<Throwable> thrown = new ArrayList<>();
    fs.open(
        file,
        (err, fd) -> {
          thrown.add(
              assertThrows(
                  IndexOutOfBoundsException.class,
                  () -> fs.read(fd, new byte[8], 5, 10, 0, (e, n) -> {})));
          thrown.add(
              assertThrows(IllegalArgumentException.class, () -> fs.read(fd, 4, -2, (e, b) -> {})));
          thrown.add(
              assertThrows(IllegalArgumentException.class, () -> fs.read(fd, -1, 0, (e, b) -> {})));
          fs.close(fd, (e, x) -> {});
        });
    loop.run();
    assertEquals(3, thrown.size());

    AtomicReference<Throwable> offLoop = new AtomicReference<>();
    Thread other =
        new Thread(
            () -> {
              try {
                fs.open(file, (e, fd) -> {});
              } catch (Throwable t) {
                offLoop.set(t);
              }
            });
    other.start();
    other.join();
    assertNotNull(offLoop.get());
    assertInstanceOf(IllegalStateException.class, offLoop.get());
    assertTrue(offLoop.get().getMessage().contains("fs.open"), offLoop.get().getMessage());
  }
}
