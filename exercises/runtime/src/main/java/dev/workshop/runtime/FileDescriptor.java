package dev.workshop.runtime;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open file, as {@link Fs#open(Path, Callback)} hands it to you: Node's file descriptor, the
 * number that {@code fs.open} passes to its callback. Pass it to {@link Fs#read} and, when you
 * are done, to {@link Fs#close}.
 *
 * <p>The number ({@link #fd()}) is the runtime's own, counted from 3 as the operating system's
 * usually are; it is not the operating system's descriptor, which Java does not show. An open
 * descriptor does not keep the loop alive (neither does Node's): close it anyway, or the file
 * stays open until the program ends.
 *
 * <p>Not a {@link LoopOwned} value: you may hand it around, but only the {@link Fs} methods,
 * called on the loop thread, use it.
 */
public final class FileDescriptor {
  private static final AtomicInteger NUMBERS = new AtomicInteger(3);

  private final int fd;
  private final Path path;

  /** The open file; read and closed on pool threads. */
  final FileChannel channel;

  /** Set on the loop thread by {@code fs().close}; read by pool threads. */
  volatile boolean closing;

  FileDescriptor(Path path, FileChannel channel) {
    this.fd = NUMBERS.getAndIncrement();
    this.path = path;
    this.channel = channel;
  }

  /**
   * The descriptor's number, like the integer Node's {@code fs.open} gives you.
   *
   * @return a number from 3 up, unique in this program
   */
  public int fd() {
    return fd;
  }

  /**
   * The file that was opened.
   *
   * @return its path, as given to {@code open}
   */
  public Path path() {
    return path;
  }

  /**
   * Whether the descriptor may still be read: {@code false} as soon as {@link Fs#close} was
   * called on it, even before the close itself has run on the pool.
   *
   * @return {@code true} until {@code close} is called
   */
  public boolean isOpen() {
    return !closing;
  }

  @Override
  public String toString() {
    return "fd " + fd + " (" + path + (closing ? ", closed" : "") + ")";
  }
}
