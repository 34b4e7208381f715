package dev.workshop.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal: the copy that {@code postMessage} makes, after Node's structured clone. The rules are
 * documented on {@link Worker}. One instance copies one message, on the sender's thread.
 */
final class StructuredClone {
  static final String ALLOWED =
      "a message may hold null, strings, numbers, booleans, characters, enums, records, arrays,"
          + " lists, sets and maps of these, ArrayBuffers and SharedBuffers";

  private final Set<ArrayBuffer> transfer;
  private final String receiver;
  private final IdentityHashMap<Object, Boolean> inProgress = new IdentityHashMap<>();

  /** Ids of the shared buffers met, in order. */
  final List<Integer> shared = new ArrayList<>();

  /** How many buffers of the transfer list were moved. */
  int moved;

  private StructuredClone(Set<ArrayBuffer> transfer, String receiver) {
    this.transfer = transfer;
    this.receiver = receiver;
  }

  /**
   * Copies {@code value} for {@code receiver}; on success detaches every buffer of {@code
   * transferList}. Throws a {@link DataCloneError} with nothing detached otherwise.
   */
  static StructuredClone copy(
      String what, Object value, ArrayBuffer[] transferList, String receiver, Object[] out) {
    Set<ArrayBuffer> transfer = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (ArrayBuffer b : transferList) {
      if (b == null) throw new DataCloneError(what + ": the transfer list holds null");
      if (b.isDetached())
        throw new DataCloneError(
            what + ": an ArrayBuffer in the transfer list was already transferred");
      if (!transfer.add(b))
        throw new DataCloneError(what + ": an ArrayBuffer appears twice in the transfer list");
    }
    StructuredClone c = new StructuredClone(transfer, receiver);
    out[0] = c.copy(what, value, "message");
    for (ArrayBuffer b : transfer) b.detach(receiver);
    return c;
  }

  private Object copy(String what, Object v, String path) {
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Character
        || v instanceof Byte
        || v instanceof Short
        || v instanceof Integer
        || v instanceof Long
        || v instanceof Float
        || v instanceof Double
        || v instanceof BigInteger && v.getClass() == BigInteger.class
        || v instanceof BigDecimal && v.getClass() == BigDecimal.class
        || v instanceof Enum<?>) {
      return v; // immutable: the receiver cannot tell it from a copy
    }
    if (v instanceof SharedBuffer s) {
      shared.add(s.id());
      return s; // shared on purpose, never copied
    }
    if (v instanceof ArrayBuffer b) {
      if (b.isDetached())
        throw new DataCloneError(what + ": the ArrayBuffer at " + path + " was transferred");
      if (transfer.contains(b)) {
        moved++;
        return b.moved();
      }
      return b.copy();
    }
    if (v instanceof LoopOwned<?> o) {
      throw new DataCloneError(
          what
              + ": "
              + path
              + " is a LoopOwned value, which belongs to the loop thread \""
              + o.owner().getName()
              + "\" and cannot be sent to "
              + receiver
              + ". On the loop thread, copy the plain data out of it (owned.get()) and send"
              + " that.");
    }
    Class<?> type = v.getClass();
    if (type.isArray() && type.getComponentType().isPrimitive()) return cloneArray(v);
    if (inProgress.put(v, Boolean.TRUE) != null) {
      throw new DataCloneError(
          what + ": " + path + " contains itself; a message must not hold a cycle");
    }
    try {
      if (type.isArray()) {
        int n = Array.getLength(v);
        Object copy = Array.newInstance(type.getComponentType(), n);
        for (int i = 0; i < n; i++)
          Array.set(copy, i, copy(what, Array.get(v, i), path + "[" + i + "]"));
        return copy;
      }
      if (v instanceof List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        int i = 0;
        for (Object e : list) copy.add(copy(what, e, path + "[" + i++ + "]"));
        return copy;
      }
      if (v instanceof Set<?> set) {
        Set<Object> copy = new LinkedHashSet<>();
        int i = 0;
        for (Object e : set) copy.add(copy(what, e, path + "{" + i++ + "}"));
        return copy;
      }
      if (v instanceof Map<?, ?> map) {
        Map<Object, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          Object key = copy(what, e.getKey(), path + ".key(" + e.getKey() + ")");
          copy.put(key, copy(what, e.getValue(), path + ".get(" + e.getKey() + ")"));
        }
        return copy;
      }
      if (type.isRecord()) return copyRecord(what, v, type, path);
      if (v instanceof Collection<?>) {
        throw new DataCloneError(
            what
                + ": "
                + path
                + " is a "
                + type.getName()
                + ", a collection that is neither a list, a set nor a map; "
                + ALLOWED
                + ". Put its elements in a List.");
      }
      throw new DataCloneError(
          what
              + ": cannot copy "
              + path
              + ", a "
              + type.getName()
              + ": "
              + ALLOWED
              + " (see Worker's documentation). Send the plain data it holds instead, in a"
              + " record or a map.");
    } finally {
      inProgress.remove(v);
    }
  }

  private static Object cloneArray(Object array) {
    int n = Array.getLength(array);
    Object copy = Array.newInstance(array.getClass().getComponentType(), n);
    System.arraycopy(array, 0, copy, 0, n);
    return copy;
  }

  /** A record class's accessors and canonical constructor, looked up once per class. */
  private static final class Shape {
    final RecordComponent[] parts;
    final java.lang.reflect.Method[] accessors;
    final Constructor<?> canonical;
    final RuntimeException failure;

    Shape(Class<?> type) {
      parts = type.getRecordComponents();
      accessors = new java.lang.reflect.Method[parts.length];
      Class<?>[] types = new Class<?>[parts.length];
      Constructor<?> c = null;
      RuntimeException f = null;
      try {
        for (int i = 0; i < parts.length; i++) {
          accessors[i] = parts[i].getAccessor();
          accessors[i].setAccessible(true);
          types[i] = parts[i].getType();
        }
        c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
      } catch (ReflectiveOperationException | RuntimeException e) {
        f = new IllegalStateException(e.toString(), e);
      }
      canonical = c;
      failure = f;
    }
  }

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return new Shape(type);
        }
      };

  private Object copyRecord(String what, Object v, Class<?> type, String path) {
    Shape shape = SHAPES.get(type);
    if (shape.failure != null) {
      throw new DataCloneError(
          what
              + ": the record "
              + type.getName()
              + " at "
              + path
              + " could not be copied: "
              + shape.failure.getMessage());
    }
    Object[] values = new Object[shape.parts.length];
    try {
      for (int i = 0; i < values.length; i++) {
        values[i] =
            copy(what, shape.accessors[i].invoke(v), path + "." + shape.parts[i].getName() + "()");
      }
      return shape.canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new DataCloneError(
          what
              + ": the record "
              + type.getName()
              + " at "
              + path
              + " could not be rebuilt: its constructor or an accessor threw "
              + e.getCause());
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      if (e instanceof DataCloneError d) throw d;
      throw new DataCloneError(
          what + ": the record " + type.getName() + " at " + path + " could not be copied: " + e);
    }
  }
}
