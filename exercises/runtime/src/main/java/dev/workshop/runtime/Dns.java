package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.JobEvent;
import dev.workshop.runtime.instrument.JobKind;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Host names to addresses: Node's {@code dns}. You call it through {@link
 * EventLoop#lookup(String, Callback)} and {@link EventLoop#resolve(String, Callback)}; this class
 * holds the two ways they work and the {@linkplain #setResolver(Resolver) resolver} they use.
 *
 * <ul>
 *   <li><b>{@code lookup}</b> is Node's {@code dns.lookup}: libuv runs the C library's blocking
 *       {@code getaddrinfo} on a <em>pool thread</em>, so a slow name server holds a pool thread
 *       as long as it takes, and file reads queue up behind slow lookups. Here the JDK's blocking
 *       resolver ({@link InetAddress#getAllByName(String)}) runs on a pool thread in the same way.
 *   <li><b>{@code resolve}</b> is Node's {@code dns.resolve4}: c-ares asks the name server itself
 *       and never uses the pool. Java has no non-blocking resolver, so here each {@code resolve}
 *       runs on a short-lived thread of its own, named {@code dns-1}, {@code dns-2} ..., outside
 *       the pool: the pool stays free for files, however slow the name server.
 * </ul>
 *
 * <p>A name that does not resolve is an {@link UnknownHostException} delivered to the callback,
 * never thrown: {@code getaddrinfo ENOTFOUND <host>} from {@code lookup}, {@code queryA ENOTFOUND
 * <host>} from {@code resolve}, Node's messages.
 *
 * <p><b>The resolver.</b> Both ask a {@link Resolver}, by default the JDK's. An exercise's host
 * installs one of its own with {@link #setResolver(Resolver)} to make lookups slow, or fail, in
 * the same way on every machine, without touching the network (Java 17 has no other way to plug
 * into name resolution).
 */
public final class Dns {
  /** The JDK's resolver: {@link InetAddress#getAllByName(String)}, which blocks. */
  public static final Resolver JDK = host -> List.of(InetAddress.getAllByName(host));

  private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
  private static final AtomicLong IDS = new AtomicLong();

  private static volatile Resolver resolver = JDK;
  private static boolean sealed;

  private Dns() {}

  /**
   * Turns a host name into its addresses, and may block while it does: the part that {@code
   * lookup} runs on a pool thread and {@code resolve} on a thread of its own.
   */
  @FunctionalInterface
  public interface Resolver {

    /**
     * The addresses of {@code host}, in order of preference.
     *
     * @param host the name, as given to {@code lookup} or {@code resolve}
     * @return its addresses; an empty list means the name does not resolve
     * @throws Exception why it failed; an {@link UnknownHostException} means the name does not
     *     resolve
     */
    List<InetAddress> resolve(String host) throws Exception;
  }

  /**
   * Installs the resolver that every {@code lookup} and {@code resolve} in this program asks from
   * now on; {@code null} puts the JDK's back. Any thread may call it. Exercise hosts use it to
   * make lookups slow or failing, the same on every machine.
   *
   * @param newResolver the resolver, or {@code null} for {@link #JDK}
   * @throws IllegalStateException after {@link #seal()}
   */
  public static synchronized void setResolver(Resolver newResolver) {
    if (sealed) {
      throw new IllegalStateException(
          "Dns.setResolver: the exercise chose how names resolve in this program, and the"
              + " resolver cannot be changed any more: take the Dns.setResolver call out of your"
              + " code");
    }
    resolver = newResolver == null ? JDK : newResolver;
  }

  /**
   * The resolver that {@code lookup} and {@code resolve} ask now: {@link #JDK} unless a host
   * installed its own. The workshop's verifier sends your code's own {@code
   * InetAddress.getByName} calls to it too, so that every name in an exercise resolves the same
   * way, without the network.
   *
   * @return the installed resolver, never {@code null}
   */
  public static Resolver resolver() {
    return resolver;
  }

  /**
   * Keeps the installed resolver for the life of the JVM: any later {@link #setResolver} throws.
   * An exercise's host calls it after installing its resolver, so that a solution cannot make
   * its lookups fast by swapping the resolver.
   */
  public static synchronized void seal() {
    sealed = true;
  }

  static synchronized void unsealForTests() {
    sealed = false;
    resolver = JDK;
  }

  /** lookup: one pool job. */
  static void lookup(EventLoop loop, String host, Callback<InetAddress> callback) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(callback, "callback");
    loop.submit(
        new CallbackJob<InetAddress>(loop, CallbackKind.DNS, JobKind.LOOKUP, callback) {
          @Override
          InetAddress call() throws Exception {
            return ask(resolver, host, "getaddrinfo").get(0);
          }
        });
  }

  /** resolve: a thread of its own. */
  static void resolve(EventLoop loop, String host, Callback<List<InetAddress>> callback) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(callback, "callback");
    Resolver r = resolver;
    RuntimeListener listener = Instrumentation.listener();
    StackTraceElement site = listener == null ? null : EventLoop.callSite();
    JobEvent job =
        listener == null ? null : new JobEvent(IDS.incrementAndGet(), site, JobKind.RESOLVE);
    loop.pending++;
    Thread t =
        new Thread(
            () -> {
              RuntimeListener l = Instrumentation.listener();
              if (l != null && job != null) l.resolveStarted(job);
              List<InetAddress> result = null;
              Throwable error = null;
              try {
                result = ask(r, host, "queryA");
              } catch (Throwable e) {
                error = e;
              }
              l = Instrumentation.listener();
              if (l != null && job != null) l.resolveEnded(job, error);
              List<InetAddress> found = result;
              Throwable failed = error;
              loop.defer(
                  CallbackKind.DNS,
                  site,
                  () -> {
                    loop.pending--;
                    callback.call(failed, failed == null ? found : null);
                  });
            },
            "dns-" + THREAD_NUMBERS.incrementAndGet());
    t.setDaemon(true);
    if (listener != null) listener.runtimeThreadStarting(t);
    t.start();
  }

  /** Asks the resolver; an unknown name becomes Node's ENOTFOUND. */
  static List<InetAddress> ask(Resolver r, String host, String syscall) throws Exception {
    List<InetAddress> found;
    try {
      found = r.resolve(host);
    } catch (UnknownHostException e) {
      UnknownHostException clear = notFound(syscall, host);
      clear.initCause(e);
      throw clear;
    }
    if (found == null || found.isEmpty()) throw notFound(syscall, host);
    return List.copyOf(found);
  }

  private static UnknownHostException notFound(String syscall, String host) {
    return new UnknownHostException(
        syscall + " ENOTFOUND " + host + ": no address is known for this name");
  }
}
