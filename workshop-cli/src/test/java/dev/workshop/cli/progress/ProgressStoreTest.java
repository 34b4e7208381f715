package dev.workshop.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressStoreTest {
  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private ProgressStore store() {
    return new ProgressStore(dir, warnings::add);
  }

  @Test
  void noFileMeansNoProgressAndNoWarning() {
    assertEquals(Progress.empty(), store().load());
    assertTrue(warnings.isEmpty());
  }

  @Test
  void whatIsSavedIsReadBackAndTheFileIsReadable() throws Exception {
    store()
        .update(
            p ->
                p.withCurrent("call-me-maybe")
                    .withCompleted("processes-and-threads")
                    .withHintsSeen("call-me-maybe", 2));
    Progress read = store().load();
    assertEquals("call-me-maybe", read.current().orElseThrow());
    assertEquals(Set.of("processes-and-threads"), read.completed());
    assertEquals(2, read.hintsSeen("call-me-maybe"));
    String text = Files.readString(dir.resolve("progress.properties"));
    assertTrue(text.contains("current=call-me-maybe\n"), text);
    assertTrue(text.contains("completed=processes-and-threads\n"), text);
    assertTrue(warnings.isEmpty());
  }

  @Test
  void hintsSeenNeverGoDown() {
    store().update(p -> p.withHintsSeen("x", 3));
    store().update(p -> p.withHintsSeen("x", 1));
    assertEquals(3, store().load().hintsSeen("x"));
  }

  @Test
  void aDamagedFileIsBackedUpReportedOnceAndWhatCanBeReadIsKept() throws Exception {
    Files.writeString(
        dir.resolve("progress.properties"),
        "current=call-me-maybe\ncompleted=one-loop-one-thread\n\u0000\u0001garbage!!\n");
    Progress read = store().load();
    assertEquals(Set.of("one-loop-one-thread"), read.completed());
    assertEquals("call-me-maybe", read.current().orElseThrow());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("line 3"), warnings.get(0));
    try (Stream<Path> files = Files.list(dir)) {
      Path backup =
          files
              .filter(p -> p.getFileName().toString().startsWith("progress.properties.corrupt-"))
              .findFirst()
              .orElseThrow();
      assertTrue(Files.readString(backup).contains("garbage"), "the backup keeps the original");
    }
  }

  @Test
  void binaryGarbageIsRecoveredAsEmptyWithABackup() throws Exception {
    Files.write(dir.resolve("progress.properties"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertEquals(Progress.empty(), store().load());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("not all text"), warnings.get(0));
  }

  @Test
  void aFewBadBytesSpoilOnlyTheirOwnLine() throws Exception {
    byte[] good =
        "current=call-me-maybe\ncompleted=processes-and-threads\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'x', (byte) 0xff, (byte) 0xfe, '\n'};
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Files.write(dir.resolve("progress.properties"), all);

    Progress read = store().load();
    assertEquals("call-me-maybe", read.current().orElseThrow(), "the good lines are kept");
    assertEquals(Set.of("processes-and-threads"), read.completed());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("Kept what could be read: 1 completed"), warnings.get(0));
  }

  @Test
  void aSecondDamagedFileNeverOverwritesTheFirstBackup() throws Exception {
    Files.writeString(dir.resolve("progress.properties"), "first damage\n");
    store().load();
    Files.writeString(dir.resolve("progress.properties"), "second damage\n");
    store().load();
    List<String> backups = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> p.getFileName().toString().startsWith("progress.properties.corrupt-"))
          .forEach(
              p -> {
                try {
                  backups.add(Files.readString(p));
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
    assertEquals(2, backups.size(), backups.toString());
    assertTrue(
        backups.contains("first damage\n") && backups.contains("second damage\n"),
        backups.toString());
  }

  @Test
  void aProgressFileThatCannotBeReadIsNeverSavedOver() throws Exception {
    // Stands for a file without read permission, which root (as in CI) could read anyway.
    Path file = Files.createDirectory(dir.resolve("progress.properties"));
    Files.writeString(file.resolve("inside"), "what may be someone's progress");
    dev.workshop.cli.WorkshopException problem =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.workshop.cli.WorkshopException.class,
            () -> store().update(p -> p.withCompleted("x")));
    assertTrue(
        problem.getMessage().startsWith("cannot read your progress file " + file),
        problem.getMessage());
    assertTrue(problem.getMessage().contains("not saved over"), problem.getMessage());
    assertTrue(Files.isDirectory(file) && Files.exists(file.resolve("inside")), "left as it was");
  }

  @Test
  void anUpdateAfterCorruptionWritesACleanFile() throws Exception {
    Files.writeString(dir.resolve("progress.properties"), "completed=a,b\nnonsense\n");
    store().update(p -> p.withCompleted("c"));
    warnings.clear();
    assertEquals(Set.of("a", "b", "c"), store().load().completed());
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void threadsOfOneProcessLoseNoCompletion() throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 25; i++) {
                  int n = i;
                  store().update(p -> p.withCompleted("t" + id + "-" + n));
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(2));
    }
    assertEquals(100, store().load().completed().size());
  }

  @Test
  void aFolderHeldLockedDoesNotHoldUpAnotherFolderOfTheSameProcess(@TempDir Path other)
      throws Exception {
    // A verify holds its learner's progress locked while the solution runs; another learner's
    // store in the same JVM (the fixture tests verify side by side) goes on meanwhile.
    ProgressStore elsewhere = new ProgressStore(other, warnings::add);
    Progress saved =
        store()
            .whileLocked(
                () -> {
                  var update =
                      java.util.concurrent.CompletableFuture.supplyAsync(
                          () -> elsewhere.update(p -> p.withCompleted("elsewhere")));
                  try {
                    return update.get(1, TimeUnit.MINUTES);
                  } catch (Exception e) {
                    throw new AssertionError("the other folder's update waited", e);
                  }
                });
    assertEquals(Set.of("elsewhere"), saved.completed());
    assertEquals(Set.of("elsewhere"), elsewhere.load().completed());
  }

  @Test
  void aFolderHeldLockedHoldsUpItsOwnUpdatesUntilReleased() throws Exception {
    java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                store()
                    .whileLocked(
                        () -> {
                          locked.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return null;
                        }));
    holder.start();
    assertTrue(locked.await(1, TimeUnit.MINUTES));
    var update =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> store().update(p -> p.withCompleted("after")));
    // Bounded: the update must still be waiting after this long, and end once released.
    assertThrows(
        java.util.concurrent.TimeoutException.class, () -> update.get(200, TimeUnit.MILLISECONDS));
    release.countDown();
    assertEquals(Set.of("after"), update.get(1, TimeUnit.MINUTES).completed());
    holder.join();
  }

  @Test
  void twoProcessesFinishingAtOnceLoseNoCompletion() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    List<Process> processes = new ArrayList<>();
    for (String name : new String[] {"left", "right"}) {
      processes.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  classpath,
                  ConcurrentWriter.class.getName(),
                  dir.toString(),
                  name,
                  "40")
              .redirectErrorStream(true)
              .redirectOutput(new File(dir.toFile(), name + ".log"))
              .start());
    }
    for (Process process : processes) {
      assertTrue(process.waitFor(2, TimeUnit.MINUTES), "writer finished");
      assertEquals(
          0,
          process.exitValue(),
          Files.readString(dir.resolve("left.log"), StandardCharsets.UTF_8));
    }
    assertEquals(80, store().load().completed().size());
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void theFolderFollowsTheEnvironment() {
    assertEquals(
        Path.of("/w"),
        ProgressStore.defaultDirectory(Map.of("WORKSHOP_HOME", "/w", "XDG_CONFIG_HOME", "/x")));
    assertEquals(
        Path.of("/x", "workshop"), ProgressStore.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/x")));
    assertEquals(
        Path.of(System.getProperty("user.home"), ".config", "workshop"),
        ProgressStore.defaultDirectory(Map.of()));
  }

  @Test
  void theHomeFolderIsHomeAsTheShellSaysNotAsThePasswordFileSays() {
    // The JVM's user.home ignores $HOME, so a learner (or a test) with another HOME would write
    // elsewhere.
    assertEquals(
        Path.of("/somewhere/else", ".config", "workshop"),
        ProgressStore.defaultDirectory(Map.of("HOME", "/somewhere/else")));
  }

  /** A second JVM that completes exercises as fast as it can. */
  public static final class ConcurrentWriter {
    public static void main(String[] args) {
      ProgressStore store = new ProgressStore(Path.of(args[0]), System.err::println);
      for (int i = 0; i < Integer.parseInt(args[2]); i++) {
        String id = args[1] + "-" + i;
        store.update(p -> p.withCompleted(id));
      }
    }
  }
}
