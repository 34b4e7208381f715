package dev.workshop.probe.weave;

import java.util.Arrays;

/**
 * The table of every {@link Site} the weaver has numbered, for the whole JVM. Woven code passes
 * a site's number ({@code int}) to {@link Hooks}; a listener turns it back into a {@link Site}
 * with {@link #get}. Numbers start at 0 and are never reused.
 *
 * <p>Thread-safe: classes may be woven on several threads at once; {@link #get} takes no lock.
 */
public final class Sites {
  private static final Object LOCK = new Object();
  private static volatile Site[] table = new Site[256];
  private static int size;

  private Sites() {}

  /** The site numbered {@code site}; {@code null} for a number the weaver never gave out. */
  public static Site get(int site) {
    Site[] t = table;
    return site >= 0 && site < t.length ? t[site] : null;
  }

  /** How many sites have been numbered so far. */
  public static int count() {
    synchronized (LOCK) {
      return size;
    }
  }

  /** Numbers a new site. */
  static int add(Site site) {
    synchronized (LOCK) {
      Site[] t = table;
      if (size == t.length) {
        t = Arrays.copyOf(t, t.length * 2);
      }
      t[size] = site;
      table = t; // volatile write: publishes the element too
      Hooks.capacity(t.length);
      return size++;
    }
  }

  /** Replaces a site numbered earlier (a method's first line is known only after its start). */
  static void set(int number, Site site) {
    synchronized (LOCK) {
      Site[] t = table;
      t[number] = site;
      table = t;
    }
  }
}
