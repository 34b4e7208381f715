package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.ProcessEvent;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A primary process and N worker processes that serve one port: Node's {@code cluster}. The same
 * program runs in every process; {@link #isPrimary()} tells the primary, which {@linkplain
 * #fork(EventLoop) forks} the workers, from the workers, which listen.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   EventLoop loop = EventLoop.create();
 *   if (Cluster.isPrimary()) {
 *     for (int i = 0; i < 2; i++) Cluster.fork(loop);
 *     Cluster.onExit(loop, (worker, code) -> System.out.println(worker.pid() + " exited " + code));
 *   } else {
 *     HttpServer server = loop.createHttpServer();
 *     server.get("/", (req, res) -> res.send("served by worker " + Cluster.workerId()));
 *     server.listen(8080, null); // every worker listens on the same port
 *   }
 *   loop.run();
 * }
 * }</pre>
 *
 * <p><b>How the workers share one port.</b> A worker's {@link TcpServer#listen} or {@link
 * HttpServer#listen} works as usual; the runtime sees that it runs in a worker, and:
 *
 * <ul>
 *   <li>where the operating system can share a port between processes and balance connections
 *       between them ({@code SO_REUSEPORT} on Linux, set through NIO, no native code), each worker
 *       opens its own listening socket on the port with that option, and the kernel hands each
 *       new connection to one of them ({@link #mode()} is {@code "reuseport"});
 *   <li>elsewhere (Windows has no such option; macOS has it but does not balance), the primary
 *       listens on the port, accepts each connection and relays it, round-robin, to a worker that
 *       listens on a private port of {@code 127.0.0.1} ({@code "relay"}). This is what Node's
 *       primary does by default outside Windows; Node can hand the socket itself to the worker,
 *       Java cannot, so the primary copies the bytes both ways, and the worker sees its clients
 *       come from {@code 127.0.0.1}.
 * </ul>
 *
 * <p>{@code listen(0, ...)} gives all the workers the same free port, as in Node. The system
 * property {@code workshop.cluster.mode} ({@code reuseport} or {@code relay}) on the primary
 * chooses the way by hand. A worker is a forked child: {@link Parent#of(EventLoop)} talks to the
 * primary, and the {@link ChildProcess} that {@code fork} returns talks to the worker. Workers
 * never outlive the primary.
 */
public final class Cluster {
  static final String WORKER_ENV = "WORKSHOP_CLUSTER_WORKER";
  static final String MODE_ENV = "WORKSHOP_CLUSTER_MODE";

  private static final AtomicInteger IDS = new AtomicInteger();
  private static String exec;
  private static String[] execArgs = new String[0];
  private static EventLoop exitLoop;
  private static BiConsumer<ChildProcess, Integer> onExit;
  private static StackTraceElement exitSite;

  private Cluster() {}

  /**
   * Whether this process is the primary (Node's {@code cluster.isPrimary}): it was not started by
   * {@link #fork(EventLoop)}.
   *
   * @return {@code true} in the primary
   */
  public static boolean isPrimary() {
    return System.getenv(WORKER_ENV) == null;
  }

  /**
   * Whether this process is a worker (Node's {@code cluster.isWorker}).
   *
   * @return {@code true} in a worker
   */
  public static boolean isWorker() {
    return !isPrimary();
  }

  /**
   * This worker's id (Node's {@code cluster.worker.id}): 1 for the first forked, 2 for the
   * next...
   *
   * @return the id, or 0 in the primary
   */
  public static int workerId() {
    String id = System.getenv(WORKER_ENV);
    return id == null ? 0 : Integer.parseInt(id);
  }

  /**
   * How workers share a listening port here: {@code "reuseport"} or {@code "relay"} (see the
   * class description).
   *
   * @return the mode
   */
  public static String mode() {
    String m = System.getenv(MODE_ENV);
    if (m == null) m = System.getProperty("workshop.cluster.mode");
    if (m != null && (m.equals("reuseport") || m.equals("relay"))) return m;
    return reusePortBalances() ? "reuseport" : "relay";
  }

  private static boolean reusePortBalances() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return false;
    try (ServerSocketChannel c = ServerSocketChannel.open()) {
      return c.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Chooses what {@link #fork(EventLoop)} runs (Node's {@code cluster.setupPrimary({exec,
   * args})}). Without it, a worker runs this program's own main class, without arguments.
   *
   * @param mainClass the class with the {@code main} method each worker runs
   * @param args the workers' arguments
   */
  public static synchronized void setupPrimary(Class<?> mainClass, String... args) {
    exec = Objects.requireNonNull(mainClass, "mainClass").getName();
    execArgs = args.clone();
  }

  /**
   * Starts a worker process (Node's {@code cluster.fork()}): a forked JVM running this program's
   * main class (or the one given to {@link #setupPrimary}), in which {@link #isWorker()} is true.
   * Only the primary may fork. Everything said about {@link EventLoop#fork(String, String...)}
   * holds: messages both ways, output on yours, an exit event, an error event when it cannot
   * start.
   *
   * @param loop the primary's loop; call this on its thread
   * @return the worker
   * @throws IllegalStateException in a worker, or when the program's main class cannot be found
   *     (call {@link #setupPrimary} first)
   */
  public static ChildProcess fork(EventLoop loop) {
    loop.checkThread("Cluster.fork");
    if (!isPrimary())
      throw new IllegalStateException(
          "only the primary forks workers: check Cluster.isPrimary() before Cluster.fork(loop)");
    String main;
    String[] args;
    synchronized (Cluster.class) {
      main = exec != null ? exec : programMainClass();
      args = execArgs;
    }
    int id = IDS.incrementAndGet();
    StackTraceElement site = Instrumentation.listener() == null ? null : EventLoop.callSite();
    ChildProcess worker =
        Fork.start(
            loop,
            main,
            args,
            site,
            ProcessEvent.Kind.CLUSTER_WORKER,
            Map.of(WORKER_ENV, Integer.toString(id), MODE_ENV, mode()));
    worker.clusterId = id;
    return worker;
  }

  /**
   * Registers what to do when any worker exits (Node's {@code cluster.on('exit', (worker, code)
   * => ...)}), on the loop thread, after that worker's own exit callback. The code is 128 + N for
   * a worker ended by signal N.
   *
   * @param loop the primary's loop
   * @param onExit receives the worker and its exit code
   */
  public static void onExit(EventLoop loop, BiConsumer<ChildProcess, Integer> onExit) {
    loop.checkThread("Cluster.onExit");
    Objects.requireNonNull(onExit, "onExit");
    synchronized (Cluster.class) {
      Cluster.exitLoop = loop;
      Cluster.onExit = onExit;
      Cluster.exitSite = Instrumentation.listener() == null ? null : EventLoop.callSite();
    }
  }

  /** Whether {@link #onExit} was registered for {@code loop}. */
  static synchronized boolean hasExitListener(EventLoop loop) {
    return exitLoop == loop && onExit != null;
  }

  /** A worker has exited; on its loop's thread. */
  static void workerExited(ChildProcess worker, int code) {
    ClusterPort.workerGone(worker);
    BiConsumer<ChildProcess, Integer> cb;
    StackTraceElement site;
    synchronized (Cluster.class) {
      cb = exitLoop == worker.loop ? onExit : null;
      site = exitSite;
    }
    if (cb != null)
      worker.loop.runCallback(CallbackKind.PROCESS, site, () -> cb.accept(worker, code));
  }

  /** The class of the outermost {@code main} method of this thread outside the runtime. */
  private static String programMainClass() {
    List<StackWalker.StackFrame> frames = StackWalker.getInstance().walk(s -> s.toList());
    for (int i = frames.size() - 1; i >= 0; i--) {
      StackWalker.StackFrame f = frames.get(i);
      String c = f.getClassName();
      if (f.getMethodName().equals("main")
          && !c.startsWith("dev.workshop.runtime.")
          && !c.startsWith("dev.workshop.probe.")
          && !c.startsWith("java.")
          && !c.startsWith("jdk.")
          && !c.startsWith("sun.")) return c;
    }
    throw new IllegalStateException(
        "Cluster.fork cannot tell this program's main class: call"
            + " Cluster.setupPrimary(YourMain.class) first");
  }
}
