package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.JobKind;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Files at descriptor level, on the thread pool: Node's {@code fs.open}, {@code fs.read} and
 * {@code fs.close}. Get it with {@link EventLoop#fs()}.
 *
 * <p>Each call is <b>one pool job</b>, as in libuv ({@code uv_fs_open}, {@code uv_fs_read},
 * {@code uv_fs_close} with a callback): the blocking system call runs on a pool thread, then the
 * callback runs on the loop thread with Node's {@code (error, result)}. Nothing here blocks the
 * loop thread. Out of these three you can build {@link EventLoop#readFile readFile} yourself, and
 * watch its chunks spread over the pool threads, taking turns with the pool's other work:
 *
 * <pre>{@code
 * Fs fs = loop.fs();
 * fs.open(Path.of("data.txt"), (err, fd) -> {          // a pool job, then main
 *   if (err != null) { System.out.println("cannot open: " + err); return; }
 *   fs.read(fd, 64 * 1024, 0, (err2, chunk) -> {        // another pool job, then main
 *     System.out.println(chunk.length + " bytes");
 *     fs.close(fd, (err3, nothing) -> {});              // a third one
 *   });
 * });
 * }</pre>
 *
 * <p><b>Errors</b> that the file system reports (no such file, no permission, a descriptor that
 * was closed) go to the callback, never thrown, as in Node. Wrong arguments (a {@code null}, an
 * offset outside the buffer) are thrown at once, as Node throws them synchronously. A read from a
 * descriptor you closed gets an {@link IOException} whose message starts with {@code EBADF}, Node's
 * code for it, even when the close is still queued on the pool.
 *
 * <p>Every method must be called on the loop thread. Until its callback has run, each call keeps
 * the loop alive.
 */
public final class Fs {
  private final EventLoop loop;

  Fs(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Opens a file for reading, on a pool thread: Node's {@code fs.open(path, 'r', cb)}.
   *
   * @param path the file
   * @param callback receives {@code (error, descriptor)} on the loop thread; the error is, for
   *     example, a {@link java.nio.file.NoSuchFileException}
   */
  public void open(Path path, Callback<FileDescriptor> callback) {
    loop.checkThread("fs.open");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(callback, "callback");
    loop.submit(
        new CallbackJob<FileDescriptor>(loop, CallbackKind.FS, JobKind.FS_OPEN, callback) {
          @Override
          FileDescriptor call() throws IOException {
            FileDescriptor fd = null;
            try {
              fd = new FileDescriptor(path, FileChannel.open(path, StandardOpenOption.READ));
              return fd;
            } finally {
              told(this, fd == null ? -1 : fd.fd(), path, 0, fd == null ? -1 : 0);
            }
          }
        });
  }

  /**
   * Reads up to {@code length} bytes into {@code buffer}, on a pool thread: Node's
   * {@code fs.read(fd, buffer, offset, length, position, cb)}. The callback gets how many bytes
   * were read: fewer than {@code length} near the end of the file, and 0 at its end. Do not touch
   * the buffer until the callback has run: a pool thread is writing into it.
   *
   * @param fd an open descriptor
   * @param buffer where the bytes go
   * @param offset where in {@code buffer} the first byte goes
   * @param length how many bytes to read at most
   * @param position where in the file to start, in bytes from its beginning; {@code -1} reads from
   *     the descriptor's current position and moves it on (Node's {@code null})
   * @param callback receives {@code (error, bytesRead)} on the loop thread
   * @throws IndexOutOfBoundsException when {@code offset} and {@code length} do not fit in {@code
   *     buffer}
   * @throws IllegalArgumentException when {@code position} is below -1
   */
  public void read(
      FileDescriptor fd,
      byte[] buffer,
      int offset,
      int length,
      long position,
      Callback<Integer> callback) {
    loop.checkThread("fs.read");
    Objects.requireNonNull(fd, "fd");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(callback, "callback");
    Objects.checkFromIndexSize(offset, length, buffer.length);
    checkPosition(position);
    loop.submit(
        new CallbackJob<Integer>(loop, CallbackKind.FS, JobKind.FS_READ, callback) {
          @Override
          Integer call() throws IOException {
            int n = -1;
            try {
              n = readInto(fd, buffer, offset, length, position);
              return n;
            } finally {
              told(this, fd.fd(), fd.path(), length, n);
            }
          }
        });
  }

  /**
   * Reads up to {@code length} bytes into a new array, on a pool thread: the same as {@link
   * #read(FileDescriptor, byte[], int, int, long, Callback) read} with a buffer of your own, made
   * simpler. The callback gets the bytes read: fewer than {@code length} near the end of the
   * file, and an empty array at its end.
   *
   * @param fd an open descriptor
   * @param length how many bytes to read at most, from 0
   * @param position where in the file to start, in bytes from its beginning; {@code -1} reads from
   *     the descriptor's current position and moves it on
   * @param callback receives {@code (error, bytes)} on the loop thread
   * @throws IllegalArgumentException when {@code length} is negative or {@code position} is below
   *     -1
   */
  public void read(FileDescriptor fd, int length, long position, Callback<byte[]> callback) {
    loop.checkThread("fs.read");
    Objects.requireNonNull(fd, "fd");
    Objects.requireNonNull(callback, "callback");
    if (length < 0) throw new IllegalArgumentException("fs.read: length " + length + " < 0");
    checkPosition(position);
    loop.submit(
        new CallbackJob<byte[]>(loop, CallbackKind.FS, JobKind.FS_READ, callback) {
          @Override
          byte[] call() throws IOException {
            byte[] bytes = new byte[length];
            int n = -1;
            try {
              n = readInto(fd, bytes, 0, length, position);
            } finally {
              told(this, fd.fd(), fd.path(), length, n);
            }
            return n == length ? bytes : Arrays.copyOf(bytes, n);
          }
        });
  }

  /**
   * Closes a descriptor, on a pool thread: Node's {@code fs.close(fd, cb)}. From this call on, the
   * descriptor is closed for you: a later {@code read} gets an {@code EBADF} error, even before
   * the close itself has run. Closing twice is an {@code EBADF} error too.
   *
   * @param fd the descriptor
   * @param callback receives {@code (error, null)} on the loop thread
   */
  public void close(FileDescriptor fd, Callback<Void> callback) {
    loop.checkThread("fs.close");
    Objects.requireNonNull(fd, "fd");
    Objects.requireNonNull(callback, "callback");
    boolean already = fd.closing;
    fd.closing = true;
    loop.submit(
        new CallbackJob<Void>(loop, CallbackKind.FS, JobKind.FS_CLOSE, callback) {
          @Override
          Void call() throws IOException {
            boolean closed = false;
            try {
              if (already) throw badDescriptor("close", fd);
              fd.channel.close();
              closed = true;
              return null;
            } finally {
              told(this, fd.fd(), fd.path(), 0, closed ? 0 : -1);
            }
          }
        });
  }

  @Override
  public String toString() {
    return "Fs[" + loop + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private static void checkPosition(long position) {
    if (position < -1) {
      throw new IllegalArgumentException(
          "fs.read: position " + position + " must be from 0, or -1 for the current position");
    }
  }

  /** Pool side: tells the listener, if any, which file the job touched and what it moved. */
  private static void told(Task job, int fd, Path path, int length, int bytes) {
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null && job.job != null) {
      listener.fileCall(job.job, fd, String.valueOf(path), length, bytes);
    }
  }

  /** Pool side of a read: fills buffer[offset..] until length bytes or the end of the file. */
  private static int readInto(
      FileDescriptor fd, byte[] buffer, int offset, int length, long position) throws IOException {
    if (fd.closing) throw badDescriptor("read", fd);
    ByteBuffer buf = ByteBuffer.wrap(buffer, offset, length);
    int total = 0;
    try {
      while (buf.hasRemaining()) {
        int n = position < 0 ? fd.channel.read(buf) : fd.channel.read(buf, position + total);
        if (n < 0) break;
        total += n;
      }
    } catch (ClosedChannelException e) {
      throw badDescriptor("read", fd); // closed by a close that ran on another pool thread
    }
    return total;
  }

  private static IOException badDescriptor(String syscall, FileDescriptor fd) {
    return new IOException(
        "EBADF: bad file descriptor, "
            + syscall
            + ": fd "
            + fd.fd()
            + " ("
            + fd.path()
            + ") was closed with fs.close; open the file again to read it");
  }
}
