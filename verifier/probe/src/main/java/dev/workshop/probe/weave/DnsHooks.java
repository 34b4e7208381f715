package dev.workshop.probe.weave;

import dev.workshop.probe.BlockKind;
import dev.workshop.runtime.Dns;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The woven replacements of the JDK's blocking name lookups, {@code InetAddress.getByName} and
 * {@code getAllByName}, in the solution's code. Each is timed as a blocking call ({@link
 * BlockKind#BLOCKING_IO}, like a socket read: it waits for a name server), and asks the resolver
 * the runtime's {@code lookup} and {@code resolve} ask ({@link Dns#resolver()}): when an exercise's
 * host installed a slow one, the learner's own JDK lookup is exactly as slow, the same on every
 * machine, and never touches the network. With the JDK's resolver installed (every other
 * exercise) the original call is made, unchanged.
 *
 * <p>Not for learners' code to call, and public only because woven classes live in another class
 * loader.
 */
public final class DnsHooks {
  private DnsHooks() {}

  /** Replaces {@code InetAddress.getByName(host)}. */
  public static InetAddress getByName(String host, int site) throws UnknownHostException {
    WeaveListener l = started(site);
    try {
      return diverted(host) ? ask(host).get(0) : InetAddress.getByName(host);
    } finally {
      ended(l, site);
    }
  }

  /** Replaces {@code InetAddress.getAllByName(host)}. */
  public static InetAddress[] getAllByName(String host, int site) throws UnknownHostException {
    WeaveListener l = started(site);
    try {
      return diverted(host)
          ? ask(host).toArray(InetAddress[]::new)
          : InetAddress.getAllByName(host);
    } finally {
      ended(l, site);
    }
  }

  /** Whether the name goes to the installed resolver rather than the JDK's. */
  private static boolean diverted(String host) {
    return host != null && !host.isEmpty() && Dns.resolver() != Dns.JDK;
  }

  /** The installed resolver's answer, failing as the JDK's calls fail. */
  private static List<InetAddress> ask(String host) throws UnknownHostException {
    List<InetAddress> found;
    try {
      found = Dns.resolver().resolve(host);
    } catch (UnknownHostException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unknown(host, e);
    } catch (Exception e) {
      throw unknown(host, e);
    }
    if (found == null || found.isEmpty()) throw unknown(host, null);
    return found;
  }

  private static UnknownHostException unknown(String host, Exception cause) {
    UnknownHostException e = new UnknownHostException(host + ": no address is known for this name");
    if (cause != null) e.initCause(cause);
    return e;
  }

  private static WeaveListener started(int site) {
    return BlockingHooks.blocking(BlockKind.BLOCKING_IO, site);
  }

  private static void ended(WeaveListener l, int site) {
    BlockingHooks.ended(l, BlockKind.BLOCKING_IO, site);
  }
}
