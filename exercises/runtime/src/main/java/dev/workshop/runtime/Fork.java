package dev.workshop.runtime;

import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.ProcessEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Internal: starts a forked JVM ({@link EventLoop#fork}, {@link Cluster#fork}) and serves the
 * parent's end of its message channel.
 *
 * <p>The child runs this JVM's {@code java} ({@code java.home}), with this JVM's options (class
 * data archive, processor count, memory, system properties...) except those that would collide
 * with this JVM (a debugger's port, a class-data dump), and this JVM's class path. Its main class
 * is {@link ForkLauncher}, which connects the channel, then runs the requested class.
 */
final class Fork {
  /** The environment variable that tells a child where its channel is: {@code port:token}. */
  static final String IPC_ENV = "WORKSHOP_FORK_IPC";

  private Fork() {}

  static ChildProcess start(
      EventLoop loop, String mainClass, String[] args, StackTraceElement site) {
    return start(loop, mainClass, args, site, ProcessEvent.Kind.FORK, Map.of());
  }

  static ChildProcess start(
      EventLoop loop,
      String mainClass,
      String[] args,
      StackTraceElement site,
      ProcessEvent.Kind kind,
      Map<String, String> env) {
    java.util.Objects.requireNonNull(mainClass, "mainClass");
    String command = mainClass + (args.length == 0 ? "" : " " + String.join(" ", args));
    try {
      checkMain(mainClass);
    } catch (ReflectiveOperationException e) {
      return ChildProcess.failed(loop, site, command, e);
    }
    RuntimeListener listener = Instrumentation.listener();
    ServerSocket server = null;
    Process p;
    String token = UUID.randomUUID().toString();
    try {
      server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
      List<String> cmd = command(mainClass, args);
      if (listener != null) cmd = listener.forkCommand(List.copyOf(cmd));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().remove(Cluster.WORKER_ENV); // a worker's own forks are not workers
      pb.environment().remove(Cluster.MODE_ENV);
      pb.environment().putAll(env);
      pb.environment().put(IPC_ENV, server.getLocalPort() + ":" + token);
      p = pb.start();
    } catch (IOException e) {
      closeQuietly(server);
      return ChildProcess.failed(
          loop,
          site,
          command,
          new IOException("cannot fork " + mainClass + ": " + e.getMessage(), e));
    }
    String input = listener == null ? null : listener.forkInput(p.pid());
    try (OutputStream stdin = p.getOutputStream()) {
      // A tool's line, if any; then the child's standard input reads end-of-file.
      if (input != null) stdin.write((input + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the child may already be gone
    }
    IpcChannel ipc = new IpcChannel("fork-" + p.pid() + "-ipc");
    ChildProcess child = ChildProcess.forked(loop, p, site, command, kind, ipc);
    ServerSocket listening = server;
    Thread t =
        new Thread(
            () -> {
              try {
                Socket s = accept(listening, token, p);
                if (s != null) {
                  ipc.serve(
                      s,
                      new IpcChannel.Sink() {
                        @Override
                        public void received(byte frameKind, byte[] body) {
                          child.received(frameKind, body);
                        }

                        @Override
                        public void closed(boolean bye) {
                          // the exit comes through the process's own end
                        }
                      });
                } else {
                  ipc.close();
                }
              } finally {
                child.streamDone();
              }
            },
            "fork-" + p.pid() + "-ipc");
    t.setDaemon(true);
    if (listener != null) listener.runtimeThreadStarting(t);
    t.start();
    return child;
  }

  /** Whether {@code mainClass} can be found here and has a {@code public static void main}. */
  private static void checkMain(String mainClass) throws ReflectiveOperationException {
    Class<?> c;
    try {
      c = Class.forName(mainClass, false, IpcCodec.loader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ClassNotFoundException(
          "cannot fork "
              + mainClass
              + ": there is no such class on the class path (give the class's full name, with"
              + " its package, for example \"com.example.Worker\")",
          e);
    }
    Method main;
    try {
      main = c.getMethod("main", String[].class);
    } catch (NoSuchMethodException e) {
      main = null;
    }
    if (main == null || !Modifier.isStatic(main.getModifiers()))
      throw new NoSuchMethodException(
          "cannot fork " + mainClass + ": it has no public static void main(String[] args)");
  }

  /**
   * Waits for the child to connect and prove itself; gives up when the child has exited or the
   * channel was closed. Returns the connection, or null.
   */
  private static Socket accept(ServerSocket server, String token, Process p) {
    try (server) {
      server.setSoTimeout(200);
      for (; ; ) {
        Socket s;
        try {
          s = server.accept();
        } catch (SocketTimeoutException e) {
          if (!p.isAlive()) return null;
          continue;
        }
        s.setSoTimeout(10_000);
        if (token.equals(readLine(s.getInputStream()))) {
          s.setSoTimeout(0);
          return s;
        }
        s.close(); // not our child: keep waiting for it
      }
    } catch (IOException e) {
      return null;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    byte[] b = new byte[128];
    int n = 0;
    while (n < b.length) {
      int c = in.read();
      if (c < 0 || c == '\n') break;
      b[n++] = (byte) c;
    }
    return new String(b, 0, n, StandardCharsets.US_ASCII);
  }

  /** The child's command line: this JVM's java, options and class path. */
  static List<String> command(String mainClass, String[] args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : jvmOptions()) {
      if (inherited(option)) cmd.add(option);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ForkLauncher.class.getName());
    cmd.add(mainClass);
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  private static List<String> jvmOptions() {
    try {
      return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    } catch (RuntimeException | LinkageError e) {
      return List.of(); // no management module: the child gets the defaults
    }
  }

  /** Options that would collide with this JVM's (a debugger's port, a class-data dump) stay. */
  static boolean inherited(String option) {
    return !(option.startsWith("-agentlib:jdwp")
        || option.startsWith("-Xrunjdwp")
        || option.equals("-Xdebug")
        || option.startsWith("-XX:ArchiveClassesAtExit")
        || option.startsWith("-XX:DumpLoadedClassList")
        || option.equals("-Xshare:dump")
        || option.startsWith("-Djava.class.path="));
  }

  private static void closeQuietly(ServerSocket s) {
    if (s == null) return;
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
