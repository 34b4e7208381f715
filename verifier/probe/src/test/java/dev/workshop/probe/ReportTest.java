package dev.workshop.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The report's records from many threads: every one is sent once, each thread's in the order it
 * wrote them, and a writer never waits for the thread that sends.
 */
class ReportTest {
  /** Generous: the machine may be busy; a writer that waited for the stuck send would hang. */
  private static final Duration BOUND = Duration.ofSeconds(60);

  @Test
  void everyRecordIsSentOnceInEachWritersOrderWhileAnotherThreadFlushes() throws Exception {
    StringWriter sent = new StringWriter();
    Report report = new Report(sent);
    int writers = 4;
    int records = 20_000;
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread flusher =
        new Thread(
            () -> {
              while (writing.get()) report.flush();
            });
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String name = "writer-" + w;
      threads.add(
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < records; i++) report.write("rec", name, i);
              }));
    }
    threads.forEach(Thread::start);
    flusher.start();
    go.countDown();
    for (Thread t : threads) t.join();
    writing.set(false);
    flusher.join();
    report.flush();

    Map<String, Integer> next = new HashMap<>();
    for (String line : sent.toString().split("\n")) {
      String[] f = line.split("\t");
      assertEquals("rec", f[0], line);
      int expected = next.getOrDefault(f[1], 0);
      assertEquals(expected, Integer.parseInt(f[2]), "the records of " + f[1] + " in order");
      next.put(f[1], expected + 1);
    }
    for (int w = 0; w < writers; w++) assertEquals(records, next.get("writer-" + w));
  }

  @Test
  void aWriterDoesNotWaitForAThreadThatLostItsCpuInsideTheReport() throws Exception {
    // Another thread inside the report, off its CPU: with a lock around the append, as before,
    // the loop thread's println waited for it (charged as "waiting" on a busy machine).
    StringWriter sent = new StringWriter();
    Report report = new Report(sent);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread preempted =
        new Thread(
            () -> {
              synchronized (report) {
                inside.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    preempted.start();
    inside.await();
    try {
      assertTimeoutPreemptively(
          BOUND,
          () -> {
            for (int i = 0; i < 100; i++) report.write("out", i);
          });
    } finally {
      release.countDown();
      preempted.join();
    }
    report.flush();
    assertEquals(100, sent.toString().split("\n").length);
  }

  @Test
  void aWriterDoesNotWaitForASendThatIsStuck() throws Exception {
    CountDownLatch sending = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StringWriter sent = new StringWriter();
    Writer stuck =
        new Sink() {
          @Override
          public void write(char[] cbuf, int off, int len) throws IOException {
            sending.countDown();
            try {
              release.await(); // the watchdog's socket write, held up
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            sent.write(cbuf, off, len);
          }
        };
    Report report = new Report(stuck);
    report.write("first");
    Thread watchdog = new Thread(report::flush);
    watchdog.start();
    sending.await();
    // The loop thread prints meanwhile: each write is a record.
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          for (int i = 0; i < 1000; i++) report.write("out", i);
        });
    release.countDown();
    watchdog.join();
    report.flush();
    String[] lines = sent.toString().split("\n");
    assertEquals(1001, lines.length);
    assertEquals("first", lines[0]);
    assertEquals("out\t999", lines[1000]);
  }

  @Test
  void aFloodIsSentByItsWriterInBatchesOfBoundedSize() {
    List<Integer> batches = new ArrayList<>();
    StringWriter sent = new StringWriter();
    Writer counting =
        new Sink() {
          @Override
          public void write(char[] cbuf, int off, int len) {
            batches.add(len);
            sent.write(cbuf, off, len);
          }
        };
    Report report = new Report(counting);
    String payload = "x".repeat(999);
    int records = 3 * Report.MAX_HELD_CHARS / 1000 + 10;
    for (int i = 0; i < records; i++) report.write(payload);
    assertTrue(batches.size() >= 3, "the writer sent the flood itself: " + batches);
    for (int len : batches) assertTrue(len < Report.MAX_HELD_CHARS + 1000, "batch of " + len);
    report.flush();
    assertEquals(records, sent.toString().split("\n").length);
  }

  /** A report channel for the tests: what it is sent is all it does. */
  private abstract static class Sink extends Writer {
    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
