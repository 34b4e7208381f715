package dev.workshop.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatcherTest {
  @TempDir Path dir;

  private final BlockingQueue<String> reported = new LinkedBlockingQueue<>();

  /** Waits (bounded) until {@code name} is reported; returns every name reported until then. */
  private Set<String> until(String name) throws InterruptedException {
    Set<String> seen = new java.util.TreeSet<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!seen.contains(name)) {
      String next = reported.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertTrue(next != null, name + " was reported within a minute; seen: " + seen);
      seen.add(next);
    }
    return seen;
  }

  @Test
  void reportsTheJavaFilesOfTheFolderOnly() throws Exception {
    Files.writeString(dir.resolve("Facts.java"), "class Facts {}");
    Files.createDirectories(dir.resolve(".done/01-processes-and-threads"));
    Files.createDirectories(dir.resolve("target/classes"));
    try (SourceWatcher watcher = new SourceWatcher(dir, (name, writtenAt) -> reported.add(name))) {
      watcher.start();
      // Written before the file that is watched: the poll that sees it sees them too.
      Files.writeString(dir.resolve(".done/01-processes-and-threads/Facts.java"), "kept");
      Files.writeString(dir.resolve("target/classes/Gen.java"), "generated");
      Files.writeString(dir.resolve("pom.xml"), "<project/>");
      Files.writeString(dir.resolve(".workshop"), "state");
      Files.writeString(dir.resolve("Facts.java"), "class Facts { int changed; }");
      assertEquals(Set.of("Facts.java"), until("Facts.java"));

      // A write is a truncation then the bytes: a poll between the two reports Facts.java twice.
      Set<String> folder = Set.of("Facts.java", "Other.java");
      Files.writeString(dir.resolve("Other.java"), "class Other {}");
      Set<String> created = until("Other.java");
      assertTrue(
          folder.containsAll(created),
          "a new file counts, and nothing outside the folder's own: " + created);
      Files.delete(dir.resolve("Other.java"));
      Set<String> deleted = until("Other.java");
      assertTrue(folder.containsAll(deleted), "so does a deleted one: " + deleted);
    }
  }

  @Test
  void whatChangesWhilePausedIsNeverReported() throws Exception {
    try (SourceWatcher watcher = new SourceWatcher(dir, (name, writtenAt) -> reported.add(name))) {
      watcher.start();
      watcher.pause();
      Files.writeString(dir.resolve("Schedule.java"), "class Schedule {}");
      Files.writeString(dir.resolve("Host.java"), "class Host {}");
      watcher.start();
      Files.writeString(dir.resolve("Mine.java"), "class Mine {}");
      assertEquals(Set.of("Mine.java"), until("Mine.java"));
    }
    assertEquals(List.of(), List.copyOf(reported), "nothing after close");
  }
}
