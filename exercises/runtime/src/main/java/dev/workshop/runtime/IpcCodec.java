package dev.workshop.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal: the copy rules of messages between processes ({@code child.send}, {@code
 * Parent.send}), and their bytes on the channel. A message is copied, never shared: the receiver
 * rebuilds its own objects from the bytes, in its own process.
 *
 * <p>What can be sent: {@code null}, booleans, numbers ({@code Byte}, {@code Short}, {@code
 * Integer}, {@code Long}, {@code Float}, {@code Double}), characters, strings, {@code byte[]},
 * enum constants, records whose components are sendable, and {@code List}s, {@code Set}s and
 * {@code Map}s of sendable values (they arrive as {@code ArrayList}, {@code LinkedHashSet} and
 * {@code LinkedHashMap}). Anything else is refused when it is sent, with an {@link
 * IllegalArgumentException} that names the value's class and where it was in the message. An
 * unknown type is refused by default: memory shared between threads of one process, for example,
 * cannot be shared with another process, and is refused like any other type not on the list.
 */
final class IpcCodec {
  /** The largest message, in bytes once encoded. */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final int MAX_DEPTH = 256;

  static final String SENDABLE =
      "null, booleans, numbers, characters, strings, byte[], enum constants, records of"
          + " sendable values, and lists, sets and maps of sendable values";

  private IpcCodec() {}

  /**
   * Encodes {@code value}, on the sender's thread.
   *
   * @throws IllegalArgumentException when the value (or something in it) cannot be copied
   */
  static byte[] encode(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try {
      write(new DataOutputStream(bytes), value, "message", 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    if (bytes.size() > MAX_BYTES)
      throw new IllegalArgumentException(
          "this message is "
              + bytes.size()
              + " bytes once copied, more than the limit of "
              + MAX_BYTES
              + ": send it in smaller pieces");
    return bytes.toByteArray();
  }

  /**
   * Decodes a message on the receiver's thread, finding record and enum classes through {@code
   * loader}.
   *
   * @throws IllegalArgumentException when a record or enum class is missing on this side
   */
  static Object decode(byte[] bytes, ClassLoader loader) {
    try {
      return read(new DataInputStream(new ByteArrayInputStream(bytes)), loader);
    } catch (IOException e) {
      throw new IllegalArgumentException("a message arrived damaged: " + e.getMessage(), e);
    }
  }

  /** A short description of a message's type, for the instrumentation. */
  static String typeOf(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  private static void write(DataOutputStream out, Object v, String where, int depth)
      throws IOException {
    if (depth > MAX_DEPTH)
      throw new IllegalArgumentException(
          "cannot send this message: it is nested more than "
              + MAX_DEPTH
              + " levels deep at "
              + where
              + " (does it contain itself?)");
    if (v == null) {
      out.writeByte('N');
    } else if (v instanceof String s) {
      out.writeByte('S');
      writeString(out, s);
    } else if (v instanceof Integer i) {
      out.writeByte('I');
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte('J');
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte('D');
      out.writeDouble(d);
    } else if (v instanceof Boolean b) {
      out.writeByte('Z');
      out.writeBoolean(b);
    } else if (v instanceof Float f) {
      out.writeByte('F');
      out.writeFloat(f);
    } else if (v instanceof Short s) {
      out.writeByte('H');
      out.writeShort(s);
    } else if (v instanceof Byte b) {
      out.writeByte('Y');
      out.writeByte(b);
    } else if (v instanceof Character c) {
      out.writeByte('C');
      out.writeChar(c);
    } else if (v instanceof byte[] b) {
      out.writeByte('B');
      out.writeInt(b.length);
      out.write(b);
    } else if (v instanceof Enum<?> e) {
      out.writeByte('E');
      writeString(out, e.getDeclaringClass().getName());
      writeString(out, e.name());
    } else if (v instanceof Record r) {
      RecordComponent[] parts = r.getClass().getRecordComponents();
      out.writeByte('R');
      writeString(out, r.getClass().getName());
      out.writeInt(parts.length);
      for (RecordComponent c : parts) {
        Object part;
        try {
          var accessor = c.getAccessor();
          accessor.setAccessible(true);
          part = accessor.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalArgumentException(
              "cannot send " + where + ": its component " + c.getName() + " cannot be read", e);
        }
        write(out, part, where + "." + c.getName(), depth + 1);
      }
    } else if (v instanceof List<?> list) {
      out.writeByte('L');
      writeAll(out, list, where, depth);
    } else if (v instanceof Set<?> set) {
      out.writeByte('T');
      writeAll(out, set, where, depth);
    } else if (v instanceof Map<?, ?> map) {
      out.writeByte('M');
      out.writeInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        write(out, e.getKey(), where + " (a key)", depth + 1);
        write(out, e.getValue(), where + "[" + e.getKey() + "]", depth + 1);
      }
    } else {
      throw new IllegalArgumentException(
          "cannot send a "
              + v.getClass().getName()
              + (where.equals("message") ? "" : " (at " + where + ")")
              + " to another process: a message is copied into the other process's memory,"
              + " and only these can be copied: "
              + SENDABLE
              + ". Processes share no memory; send the values you need instead.");
    }
  }

  private static void writeAll(DataOutputStream out, Collection<?> items, String where, int depth)
      throws IOException {
    out.writeInt(items.size());
    int i = 0;
    for (Object item : items) {
      write(out, item, where + "[" + i++ + "]", depth + 1);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Object read(DataInputStream in, ClassLoader loader) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 'N':
        return null;
      case 'S':
        return readString(in);
      case 'I':
        return in.readInt();
      case 'J':
        return in.readLong();
      case 'D':
        return in.readDouble();
      case 'Z':
        return in.readBoolean();
      case 'F':
        return in.readFloat();
      case 'H':
        return in.readShort();
      case 'Y':
        return in.readByte();
      case 'C':
        return in.readChar();
      case 'B':
        {
          byte[] b = new byte[in.readInt()];
          in.readFully(b);
          return b;
        }
      case 'E':
        {
          Class<?> c = load(readString(in), loader);
          String name = readString(in);
          for (Object constant : c.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) return constant;
          }
          throw new IllegalArgumentException(
              "a message names " + c.getName() + "." + name + ", which does not exist here");
        }
      case 'R':
        return readRecord(in, loader);
      case 'L':
      case 'T':
        {
          int n = in.readInt();
          Collection<Object> items = tag == 'L' ? new ArrayList<>(n) : new LinkedHashSet<>();
          for (int i = 0; i < n; i++) items.add(read(in, loader));
          return items;
        }
      case 'M':
        {
          int n = in.readInt();
          Map<Object, Object> map = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) map.put(read(in, loader), read(in, loader));
          return map;
        }
      default:
        throw new IOException("unknown tag " + tag);
    }
  }

  private static Object readRecord(DataInputStream in, ClassLoader loader) throws IOException {
    Class<?> c = load(readString(in), loader);
    int n = in.readInt();
    Object[] parts = new Object[n];
    for (int i = 0; i < n; i++) parts[i] = read(in, loader);
    RecordComponent[] components = c.getRecordComponents();
    if (components == null || components.length != n)
      throw new IllegalArgumentException(
          "a message holds a " + c.getName() + " that differs from this process's " + c.getName());
    Class<?>[] types = new Class<?>[n];
    for (int i = 0; i < n; i++) types[i] = components[i].getType();
    try {
      Constructor<?> k = c.getDeclaredConstructor(types);
      k.setAccessible(true);
      return k.newInstance(parts);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "a message's " + c.getName() + " cannot be rebuilt here: " + e, e);
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "a message holds a "
              + name
              + ", but this process has no such class: both processes need it on their class"
              + " path",
          e);
    }
  }

  /** The loader that finds the solution's classes on the calling (loop) thread. */
  static ClassLoader loader() {
    ClassLoader l = Thread.currentThread().getContextClassLoader();
    return l != null ? l : IpcCodec.class.getClassLoader();
  }

  /** For tests of the copy rules: a copy made the way another process would make it. */
  static Object copy(Object value) {
    return decode(encode(value), loader());
  }
}
