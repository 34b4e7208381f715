package dev.workshop.cli.watch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.apache.commons.io.monitor.FileAlterationListenerAdaptor;
import org.apache.commons.io.monitor.FileAlterationMonitor;
import org.apache.commons.io.monitor.FileAlterationObserver;

/**
 * Tells when a {@code .java} file directly in a folder is created, changed or deleted: the files
 * {@code verify} compiles. Sub-folders ({@code .done/}, {@code target/}) and other files
 * ({@code pom.xml}, {@code .workshop}) are not watched.
 *
 * <p>It polls, with commons-io's {@link FileAlterationMonitor}, every {@value #INTERVAL_MS} ms on a
 * daemon thread of its own: the same on every system, where the JDK's {@code WatchService} polls
 * every few seconds on macOS. A poll compares each file's size and modification time with the
 * previous poll's. {@code onChange} is called on the monitor's thread with the file's name and
 * when it was written.
 */
public final class SourceWatcher implements AutoCloseable {
  /** How often the folder is looked at, in ms. */
  public static final long INTERVAL_MS = 100;

  private final FileAlterationMonitor monitor;
  private boolean running;

  /**
   * @param dir the folder to watch; it must exist when {@link #start()} is called
   * @param onChange called with the name of a {@code .java} file that was created, changed or
   *     deleted, and the time it was written, in ms since the epoch ({@link File#lastModified()};
   *     for a deleted file, the time the deletion was seen)
   */
  public SourceWatcher(Path dir, BiConsumer<String, Long> onChange) throws IOException {
    FileAlterationObserver observer =
        FileAlterationObserver.builder()
            .setFile(dir.toFile())
            .setFileFilter(SourceWatcher::watched)
            .get();
    observer.addListener(
        new FileAlterationListenerAdaptor() {
          @Override
          public void onFileCreate(File file) {
            onChange.accept(file.getName(), written(file));
          }

          @Override
          public void onFileChange(File file) {
            onChange.accept(file.getName(), written(file));
          }

          @Override
          public void onFileDelete(File file) {
            onChange.accept(file.getName(), System.currentTimeMillis());
          }
        });
    monitor = new FileAlterationMonitor(INTERVAL_MS, observer);
    monitor.setThreadFactory(
        r -> {
          Thread t = new Thread(r, "workshop-watch-files");
          t.setDaemon(true);
          return t;
        });
  }

  private static long written(File file) {
    long modified = file.lastModified();
    return modified > 0 ? modified : System.currentTimeMillis();
  }

  /**
   * Whether a file of the folder is watched: a {@code .java} file. Folders are not, so that the
   * observer does not go into them.
   */
  static boolean watched(File file) {
    return file.getName().endsWith(".java") && !file.isDirectory();
  }

  /** Starts watching: what the folder holds now is the state later polls compare with. */
  public synchronized void start() throws IOException {
    if (running) return;
    try {
      monitor.start();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
    running = true;
  }

  /**
   * Stops watching until {@link #start()}: what changes meanwhile (files the workshop writes
   * itself) is never reported. Waits for a poll in progress to end.
   */
  public synchronized void pause() {
    if (!running) return;
    running = false;
    try {
      monitor.stop(10 * INTERVAL_MS);
    } catch (Exception e) {
      // not running after all
    }
  }

  @Override
  public void close() {
    pause();
  }
}
