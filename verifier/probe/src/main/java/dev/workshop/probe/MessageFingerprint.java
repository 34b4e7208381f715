package dev.workshop.probe;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a worker message holds, in two numbers the report can carry: a hash of its content (so
 * that the receiver's copy can be compared with what the sender passed, and the sender's object
 * with what it was when posted), and how many of the copy's mutable objects are the sender's own
 * (zero when the message was truly copied).
 *
 * <p>Walks at most {@link #BUDGET} objects, so that a huge or concurrently changing message
 * costs a bounded time; past that the hash covers what was walked. Record components are read
 * from their fields, never through their accessors, so that no code of the solution's runs on
 * the probe's behalf (a woven accessor would report the reading thread as having run it).
 */
public final class MessageFingerprint {
  static final int BUDGET = 10_000;

  private int left = BUDGET;

  private MessageFingerprint() {}

  /**
   * The content hash of {@code v}; throws whatever a concurrent change makes the walk throw. A check
   * may hash the value it expects a message to hold and compare it with a {@code msg} record's.
   */
  public static long of(Object v) {
    return new MessageFingerprint().hash(v);
  }

  /** The content hash of {@code v}, or {@code null} when it could not be read. */
  static Long tryOf(Object v) {
    try {
      return of(v);
    } catch (RuntimeException | StackOverflowError e) {
      return null; // changed under our feet, or nested beyond reason
    }
  }

  /** How many mutable objects reachable from {@code copy} are also reachable from {@code sent}. */
  static int sharedMutable(Object sent, Object copy) {
    try {
      IdentityHashMap<Object, Boolean> mine = new IdentityHashMap<>();
      new MessageFingerprint().collect(sent, mine);
      if (mine.isEmpty()) return 0;
      IdentityHashMap<Object, Boolean> theirs = new IdentityHashMap<>();
      new MessageFingerprint().collect(copy, theirs);
      int n = 0;
      for (Object o : theirs.keySet()) if (mine.containsKey(o)) n++;
      return n;
    } catch (RuntimeException | StackOverflowError e) {
      return -1;
    }
  }

  private static boolean immutable(Object v) {
    return v == null
        || v instanceof String
        || v instanceof Number && (v.getClass().getName().startsWith("java.lang.") || plainBig(v))
        || v instanceof Boolean
        || v instanceof Character
        || v instanceof Enum<?>
        || v.getClass().getName().equals("dev.workshop.runtime.SharedBuffer");
  }

  private static boolean plainBig(Object v) {
    return v.getClass() == BigInteger.class || v.getClass() == BigDecimal.class;
  }

  private void collect(Object v, IdentityHashMap<Object, Boolean> into) {
    if (--left < 0 || immutable(v) || into.put(v, Boolean.TRUE) != null) return;
    for (Object part : parts(v)) collect(part, into);
  }

  private long hash(Object v) {
    if (--left < 0) return 0;
    if (v == null) return 0;
    if (v instanceof Enum<?> e)
      return e.getDeclaringClass().getName().hashCode() * 31L + e.name().hashCode();
    if (immutable(v)) return v.getClass().getName().hashCode() * 31L + v.hashCode();
    Class<?> type = v.getClass();
    if (type.isArray() && type.getComponentType().isPrimitive()) return primitives(v);
    long h = type.getName().hashCode();
    if (v instanceof Set<?> || v instanceof Map<?, ?>) {
      long sum = 0; // unordered: a copy may iterate in another order
      if (v instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) sum += hash(e.getKey()) * 131 + hash(e.getValue());
      } else {
        for (Object o : (Set<?>) v) sum += hash(o);
      }
      return sum; // no type: a HashMap and its LinkedHashMap copy are the same content
    }
    if (v instanceof List<?> || v instanceof Collection<?>) h = 17; // ArrayList copy of any list
    for (Object part : parts(v)) h = h * 31 + hash(part);
    return h;
  }

  private static long primitives(Object array) {
    int n = Array.getLength(array);
    long h = array.getClass().getName().hashCode() * 31L + n;
    if (array instanceof byte[] b) return h * 31 + java.util.Arrays.hashCode(b);
    if (array instanceof int[] a) return h * 31 + java.util.Arrays.hashCode(a);
    if (array instanceof long[] a) return h * 31 + java.util.Arrays.hashCode(a);
    if (array instanceof double[] a) return h * 31 + java.util.Arrays.hashCode(a);
    if (array instanceof char[] a) return h * 31 + java.util.Arrays.hashCode(a);
    if (array instanceof short[] a) return h * 31 + java.util.Arrays.hashCode(a);
    if (array instanceof float[] a) return h * 31 + java.util.Arrays.hashCode(a);
    if (array instanceof boolean[] a) return h * 31 + java.util.Arrays.hashCode(a);
    return h;
  }

  /** The objects {@code v} holds, in order. */
  private static Iterable<?> parts(Object v) {
    Class<?> type = v.getClass();
    if (type.isArray()) {
      if (type.getComponentType().isPrimitive()) return List.of();
      return java.util.Arrays.asList((Object[]) v);
    }
    if (v instanceof Map<?, ?> m) {
      java.util.ArrayList<Object> out = new java.util.ArrayList<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.add(e.getKey());
        out.add(e.getValue());
      }
      return out;
    }
    if (v instanceof Collection<?> c) return c;
    if (type.isRecord()) {
      Field[] fields = FIELDS.get(type);
      java.util.ArrayList<Object> out = new java.util.ArrayList<>(fields.length);
      for (Field f : fields) {
        try {
          out.add(f == null ? null : f.get(v));
        } catch (IllegalAccessException e) {
          out.add(null);
        }
      }
      return out;
    }
    return List.of(); // an object the runtime would not copy: its identity is all we hash
  }

  private static final ClassValue<Field[]> FIELDS =
      new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
          RecordComponent[] parts = type.getRecordComponents();
          Field[] out = new Field[parts.length];
          for (int i = 0; i < parts.length; i++) {
            try {
              Field f = type.getDeclaredField(parts[i].getName());
              f.setAccessible(true);
              out[i] = f;
            } catch (ReflectiveOperationException | RuntimeException e) {
              out[i] = null;
            }
          }
          return out;
        }
      };
}
