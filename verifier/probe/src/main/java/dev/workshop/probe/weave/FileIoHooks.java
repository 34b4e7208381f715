package dev.workshop.probe.weave;

import dev.workshop.probe.BlockKind;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The woven replacements of the solution's blocking file reads ({@code Files.readAllBytes},
 * {@code FileChannel.read}, {@code FileInputStream.read} and the like), as {@link BlockingHooks}
 * does for sleeps and waits: {@code blockingStarted(BLOCKING_IO)}, the original call on the same
 * receiver with the same arguments, then {@code blockingEnded} in a {@code finally}. On the loop
 * thread this records each read's exact time and line, however short: a file read on {@code
 * main} is a blocking call even when the file is in the page cache. Takes the call's site number
 * last.
 *
 * <p>Not for learners' code to call, and public only because woven classes live in another class
 * loader.
 */
public final class FileIoHooks {
  private FileIoHooks() {}

  private static WeaveListener started(int site) {
    return BlockingHooks.blocking(BlockKind.BLOCKING_IO, site);
  }

  private static void ended(WeaveListener l, int site) {
    BlockingHooks.ended(l, BlockKind.BLOCKING_IO, site);
  }

  /** Replaces {@code Files.readAllBytes(path)}. */
  public static byte[] readAllBytes(Path path, int site) throws IOException {
    WeaveListener l = started(site);
    try {
      return Files.readAllBytes(path);
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code Files.readString(path)}. */
  public static String readString(Path path, int site) throws IOException {
    WeaveListener l = started(site);
    try {
      return Files.readString(path);
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code Files.readAllLines(path)}. */
  public static List<String> readAllLines(Path path, int site) throws IOException {
    WeaveListener l = started(site);
    try {
      return Files.readAllLines(path);
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code channel.read(buffer)}. */
  public static int read(FileChannel channel, ByteBuffer buffer, int site) throws IOException {
    WeaveListener l = started(site);
    try {
      return channel.read(buffer);
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code channel.read(buffer, position)}. */
  public static int read(FileChannel channel, ByteBuffer buffer, long position, int site)
      throws IOException {
    WeaveListener l = started(site);
    try {
      return channel.read(buffer, position);
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code in.read(bytes)}. */
  public static int read(FileInputStream in, byte[] bytes, int site) throws IOException {
    WeaveListener l = started(site);
    try {
      return in.read(bytes);
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code in.read(bytes, offset, length)}. */
  public static int read(FileInputStream in, byte[] bytes, int offset, int length, int site)
      throws IOException {
    WeaveListener l = started(site);
    try {
      return in.read(bytes, offset, length);
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code in.readAllBytes()}. */
  public static byte[] readAllBytes(FileInputStream in, int site) throws IOException {
    WeaveListener l = started(site);
    try {
      return in.readAllBytes();
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code file.read(bytes, offset, length)}. */
  public static int read(RandomAccessFile file, byte[] bytes, int offset, int length, int site)
      throws IOException {
    WeaveListener l = started(site);
    try {
      return file.read(bytes, offset, length);
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code file.readFully(bytes)}. */
  public static void readFully(RandomAccessFile file, byte[] bytes, int site) throws IOException {
    WeaveListener l = started(site);
    try {
      file.readFully(bytes);
    } finally {
      ended(l, site);
    }
  }
}
