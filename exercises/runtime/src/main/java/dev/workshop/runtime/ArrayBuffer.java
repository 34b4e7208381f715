package dev.workshop.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed-size block of bytes that can be <em>transferred</em> to a {@link Worker} instead of
 * copied: Node's {@code ArrayBuffer} with a transfer list.
 *
 * <p>Sent normally, with {@code postMessage(value)}, an {@code ArrayBuffer} is copied like any
 * other message: both sides end up with their own bytes. Sent with {@code postMessage(value,
 * buffer)}, it is <em>moved</em>: the receiver gets the very same bytes without a copy (cheap,
 * whatever the size), and the sender's {@code ArrayBuffer} becomes <em>detached</em>: its {@link
 * #length()} is 0 and every {@link #get(int)} or {@link #set(int, byte)} throws. That is how one
 * thread hands a large buffer to another without copying it and without sharing it: at any
 * moment exactly one thread can use the bytes.
 *
 * <pre>{@code
 * ArrayBuffer image = ArrayBuffer.of(Files.readAllBytes(path));
 * worker.postMessage(image, image);   // moved, not copied
 * image.get(0);                       // IllegalStateException: it was transferred
 * }</pre>
 *
 * <p>An {@code ArrayBuffer} is not thread-safe: only the thread that holds it uses it, and a
 * transfer is how it changes hands.
 */
public final class ArrayBuffer {
  private byte[] bytes;
  private String movedTo;

  /**
   * A buffer of {@code length} zero bytes.
   *
   * @param length the number of bytes, 0 or more
   * @throws IllegalArgumentException when {@code length} is negative
   */
  public ArrayBuffer(int length) {
    if (length < 0) throw new IllegalArgumentException("ArrayBuffer length " + length + " < 0");
    this.bytes = new byte[length];
  }

  private ArrayBuffer(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A buffer holding a copy of {@code bytes}.
   *
   * @param bytes the bytes to copy
   * @return a new buffer of the same length
   */
  public static ArrayBuffer of(byte... bytes) {
    return new ArrayBuffer(Arrays.copyOf(bytes, bytes.length));
  }

  /**
   * The number of bytes: Node's {@code byteLength}.
   *
   * @return the length, or 0 once the buffer was transferred
   */
  public int length() {
    return bytes == null ? 0 : bytes.length;
  }

  /**
   * Reads one byte.
   *
   * @param index from 0 to {@code length() - 1}
   * @return the byte
   * @throws IllegalStateException when the buffer was transferred
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   */
  public byte get(int index) {
    return live("get").bytes[Objects.checkIndex(index, bytes.length)];
  }

  /**
   * Writes one byte.
   *
   * @param index from 0 to {@code length() - 1}
   * @param value the byte
   * @throws IllegalStateException when the buffer was transferred
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   */
  public void set(int index, byte value) {
    live("set").bytes[Objects.checkIndex(index, bytes.length)] = value;
  }

  /**
   * A copy of the bytes.
   *
   * @return a new array
   * @throws IllegalStateException when the buffer was transferred
   */
  public byte[] toByteArray() {
    return live("toByteArray").bytes.clone();
  }

  /**
   * Whether this buffer was transferred to another thread and can no longer be used.
   *
   * @return {@code true} once transferred
   */
  public boolean isDetached() {
    return bytes == null;
  }

  private ArrayBuffer live(String what) {
    if (bytes == null) {
      throw new IllegalStateException(
          "ArrayBuffer."
              + what
              + "(): this buffer was transferred to "
              + movedTo
              + " with postMessage, so this side can no longer use it (Node detaches a"
              + " transferred ArrayBuffer the same way). Send it without the transfer list to"
              + " keep a copy.");
    }
    return this;
  }

  /** A copy, for a message sent without transfer. */
  ArrayBuffer copy() {
    return new ArrayBuffer(live("postMessage").bytes.clone());
  }

  /** The receiver's buffer: the same bytes, no copy. The sender detaches after the copy. */
  ArrayBuffer moved() {
    return new ArrayBuffer(live("postMessage").bytes);
  }

  void detach(String to) {
    bytes = null;
    movedTo = to;
  }

  @Override
  public String toString() {
    return bytes == null ? "ArrayBuffer[detached]" : "ArrayBuffer[" + bytes.length + " bytes]";
  }
}
