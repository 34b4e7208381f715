package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.ProcessEvent;
import dev.workshop.runtime.instrument.ProcessMessageEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A running child process: what Node's {@code child_process.spawn(command, args)} returns. Make
 * one with {@link EventLoop#spawn(String, String...)}.
 *
 * <p>The process runs on its own, in parallel with your program: it is a separate
 * <em>process</em>, with its own memory, not a thread of yours. What it prints arrives as loop
 * callbacks ({@link #onStdout(Consumer)}, {@link #onStderr(Consumer)}), and so does its exit
 * ({@link #onExit(IntConsumer)}); the loop never waits for it.
 *
 * <p><b>Where Java differs from libuv.</b> libuv reads a child's pipes without blocking, on the
 * loop thread. Java cannot: its pipes only block. So the runtime starts one small helper thread
 * per output stream ({@code spawn-<pid>-stdout}, {@code spawn-<pid>-stderr}); each one blocks on
 * its pipe and hands every chunk to the loop exactly as {@link EventLoop#post(Runnable)} does.
 * Your callbacks therefore still run on the loop thread, in order, one at a time.
 *
 * <p>The exit callback runs after the process has exited <em>and</em> all of its output has been
 * delivered (so it is really Node's {@code 'close'} event). The process's standard input is
 * closed at once. Until the exit callback has run, the process is an active handle and keeps the
 * loop alive, unless {@linkplain #unref() unref'd}. Use it on the loop thread only.
 *
 * <p>Register your callbacks right after {@code spawn}, in the same callback: output and exit are
 * delivered in a later iteration of the loop, so nothing is missed. Output of a stream that has no
 * callback when it arrives is thrown away; the runtime always reads both pipes, so a child that
 * prints a lot never blocks on a full pipe.
 *
 * <pre>{@code
 * loop.spawn("ls", "-l")
 *     .onStdout(bytes -> System.out.print(new String(bytes)))
 *     .onExit(code -> System.out.println("ls exited with " + code));
 * }</pre>
 *
 * <p><b>Forked children.</b> {@link EventLoop#fork(String, String...)} starts a JVM that runs one
 * of your classes, with a message channel: Node's {@code child_process.fork}. Then {@link
 * #send(Object)} and {@link #onMessage(Consumer)} talk to the child, which answers through its
 * {@link Parent}. A forked child's output goes to your program's own output unless you register
 * {@link #onLine(Consumer)}, {@link #onStdout(Consumer)} or {@link #onStderr(Consumer)}, as Node's
 * fork shares its parent's output by default. Messages are copied (see {@link #send(Object)}).
 *
 * <pre>{@code
 * ChildProcess child = loop.fork("Squarer");          // a class of yours with a main method
 * child.onMessage(answer -> { System.out.println(answer); child.disconnect(); });
 * child.onExit(code -> System.out.println("exited with " + code));
 * child.send(7);
 * }</pre>
 *
 * <p><b>No child outlives your program.</b> When the loop that started a child returns from
 * {@link EventLoop#run()} while the child still runs (you {@linkplain #unref() unref'd} it, or a
 * callback threw), the runtime ends the child and says so on standard error; when the JVM exits,
 * it ends every child still running. Wait for your children with {@link #onExit(IntConsumer)},
 * or {@link #kill()} them, before your program is done.
 *
 * <p><b>Errors.</b> A fork that cannot start (no such class, no {@code main} method) and a message
 * sent to a child that is gone arrive as an error event ({@link #onError(Consumer)}), in a later
 * iteration, as in Node. With no error callback registered, the error ends {@code run()} like an
 * exception thrown by a callback of yours. A child that exits with a code other than 0 while
 * nobody listens for its exit is reported on standard error.
 */
public final class ChildProcess extends LoopHandle implements Handle {
  /** How long a child the runtime ends gets to end by itself before it is forced, ms. */
  static final long END_GRACE_MS = 1000;

  private final Process process; // null when a fork failed before it started
  private final StackTraceElement spawnSite;
  private final String command;
  private final ProcessEvent.Kind kind;
  private final IpcChannel ipc; // null for spawned children
  private final AtomicInteger remaining;
  private ProcessEvent event;
  private Consumer<byte[]> onStdout;
  private StackTraceElement stdoutSite;
  private Consumer<byte[]> onStderr;
  private StackTraceElement stderrSite;
  private Consumer<String> onLine;
  private StackTraceElement lineSite;
  private LineSplitter lines;
  private IntConsumer onExit;
  private StackTraceElement exitSite;
  private Consumer<Object> onMessage;
  private StackTraceElement messageSite;
  private Consumer<Exception> onError;
  private StackTraceElement errorSite;
  private int exitCode = -1;
  private boolean killRequested;
  private volatile boolean endedByRuntime;
  private boolean exitReported;

  /** The cluster worker's id, or 0 for a child that is not a cluster worker. */
  int clusterId;

  private ChildProcess(
      EventLoop loop,
      Process process,
      StackTraceElement site,
      String command,
      ProcessEvent.Kind kind,
      IpcChannel ipc) {
    super(loop);
    this.process = process;
    this.spawnSite = site;
    this.command = command;
    this.kind = kind;
    this.ipc = ipc;
    this.remaining = new AtomicInteger(ipc == null ? 2 : 3);
  }

  static ChildProcess start(EventLoop loop, String command, String[] args, StackTraceElement site) {
    List<String> cmd = new ArrayList<>(1 + args.length);
    cmd.add(command);
    cmd.addAll(Arrays.asList(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd + ": " + e.getMessage(), e);
    }
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // the child may already be gone
    }
    ChildProcess c =
        new ChildProcess(loop, p, site, String.join(" ", cmd), ProcessEvent.Kind.SPAWN, null);
    c.started();
    return c;
  }

  /** A forked JVM, started by {@link Fork}; its channel is served by {@link Fork}'s thread. */
  static ChildProcess forked(
      EventLoop loop,
      Process p,
      StackTraceElement site,
      String command,
      ProcessEvent.Kind kind,
      IpcChannel ipc) {
    ChildProcess c = new ChildProcess(loop, p, site, command, kind, ipc);
    c.started();
    return c;
  }

  /** A fork that could not start: its error event comes in a later iteration. */
  static ChildProcess failed(EventLoop loop, StackTraceElement site, String command, Exception e) {
    ChildProcess c = new ChildProcess(loop, null, site, command, ProcessEvent.Kind.FORK, null);
    c.activate();
    loop.enqueue(
        new Task(
            null,
            null,
            () -> {
              c.deactivate();
              c.error(e);
            }));
    return c;
  }

  private void started() {
    activate();
    Children.add(this);
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null) {
      event =
          new ProcessEvent(process.pid(), ProcessHandle.current().pid(), kind, command, spawnSite);
      listener.processStarted(event);
    }
    pump(process.getInputStream(), true);
    pump(process.getErrorStream(), false);
  }

  private void pump(InputStream in, boolean stdout) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                  byte[] chunk = Arrays.copyOf(buf, n);
                  loop.enqueue(new Task(null, null, () -> deliver(stdout, chunk)));
                }
              } catch (IOException e) {
                // the pipe broke: treat as end of output
              }
              if (stdout) {
                boolean interrupted = false;
                for (; ; ) {
                  try {
                    process.waitFor();
                    break;
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
                if (interrupted) Thread.currentThread().interrupt();
              }
              streamDone();
            },
            (kind == ProcessEvent.Kind.SPAWN ? "spawn-" : "fork-")
                + process.pid()
                + (stdout ? "-stdout" : "-stderr"));
    t.setDaemon(true);
    dev.workshop.runtime.instrument.RuntimeListener listener = Instrumentation.listener();
    if (listener != null) listener.runtimeThreadStarting(t);
    t.start();
  }

  /** One of the streams (stdout, stderr, the message channel) is done; from any thread. */
  void streamDone() {
    if (remaining.decrementAndGet() == 0) loop.enqueue(new Task(null, null, this::exited));
  }

  private void deliver(boolean stdout, byte[] chunk) {
    Consumer<byte[]> cb = stdout ? onStdout : onStderr;
    if (cb != null) {
      StackTraceElement site = stdout ? stdoutSite : stderrSite;
      loop.runCallback(
          CallbackKind.PROCESS, site != null ? site : spawnSite, () -> cb.accept(chunk));
    }
    if (stdout && onLine != null) {
      lines.feed(chunk, this::line);
    } else if (cb == null && kind != ProcessEvent.Kind.SPAWN) {
      java.io.PrintStream out = stdout ? System.out : System.err; // Node's fork: stdio inherited
      out.write(chunk, 0, chunk.length);
      out.flush();
    }
  }

  private void line(String text) {
    Consumer<String> cb = onLine;
    loop.runCallback(
        CallbackKind.PROCESS, lineSite != null ? lineSite : spawnSite, () -> cb.accept(text));
  }

  /** A frame from the child, on the channel's reading thread. */
  void received(byte frameKind, byte[] body) {
    if (frameKind == IpcChannel.MESSAGE) {
      loop.enqueue(new Task(null, null, () -> message(body)));
    } else if (frameKind == IpcChannel.LISTEN) {
      ipc.send(IpcChannel.REPLY, ClusterPort.answer(this, body));
    }
  }

  private void message(byte[] body) {
    Consumer<Object> cb = onMessage;
    if (cb == null) return; // as Node drops a message nobody listens for
    Object value;
    try {
      value = IpcCodec.decode(body, IpcCodec.loader());
    } catch (IllegalArgumentException e) {
      error(e);
      return;
    }
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null)
      listener.processMessageReceived(
          new ProcessMessageEvent(
              process.pid(), ProcessHandle.current().pid(), IpcCodec.typeOf(value), body.length));
    loop.runCallback(
        CallbackKind.PROCESS,
        messageSite != null ? messageSite : spawnSite,
        () -> cb.accept(value));
  }

  /** Delivers an error event on the loop thread; with no error callback, it is uncaught. */
  private void error(Exception e) {
    Consumer<Exception> cb = onError;
    if (cb != null) {
      loop.runCallback(
          CallbackKind.PROCESS, errorSite != null ? errorSite : spawnSite, () -> cb.accept(e));
    } else {
      loop.runCallback(CallbackKind.PROCESS, spawnSite, () -> EventLoop.sneaky(e));
    }
  }

  private void exited() {
    exitCode = process.exitValue();
    deactivate();
    Children.remove(this);
    if (ipc != null) ipc.close();
    if (lines != null) lines.finish(this::line);
    reportExit();
    IntConsumer cb = onExit;
    int code = exitCode;
    if (cb != null) {
      loop.runCallback(
          CallbackKind.PROCESS, exitSite != null ? exitSite : spawnSite, () -> cb.accept(code));
    } else if (code != 0
        && !killRequested
        && !endedByRuntime
        && (clusterId == 0 || !Cluster.hasExitListener(loop))) {
      System.err.println(
          "workshop: child process "
              + process.pid()
              + " ("
              + command
              + ") exited with code "
              + code
              + ", and nobody listened for its exit: register onExit(code -> ...) to handle it.");
    }
    if (clusterId != 0) Cluster.workerExited(this, code);
  }

  private void reportExit() {
    if (exitReported) return;
    exitReported = true;
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null && event != null)
      listener.processExited(event, process.exitValue(), endedByRuntime);
  }

  /**
   * The loop that started this child has ended while the child still runs: end it, say so, and
   * report it. On the loop thread, at the end of {@code run()}.
   */
  void endWithLoop() {
    if (process == null || !process.isAlive()) return;
    endedByRuntime = true;
    end();
    System.err.println(
        "workshop: the loop ended while child process "
            + process.pid()
            + " ("
            + command
            + ") was still running, so the runtime ended it: no child may outlive its program."
            + " Wait for its exit with onExit(...), or kill() it, before your loop ends.");
    try {
      if (process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) reportExit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends the process and whatever it started; any thread. It is asked to end first (on Linux and
   * macOS a SIGTERM: a JVM runs its shutdown hooks), and forced after {@link #END_GRACE_MS} at
   * most.
   */
  void end() {
    if (process == null) return;
    endedByRuntime = true;
    List<ProcessHandle> below = process.descendants().toList();
    askToEnd();
    try {
      process.waitFor(END_GRACE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    below.forEach(ProcessHandle::destroyForcibly);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    if (ipc != null) ipc.close();
  }

  /** Asks the process to end (SIGTERM), without waiting; any thread. */
  void askToEnd() {
    if (process != null && process.isAlive()) process.destroy();
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  private StackTraceElement site() {
    return Instrumentation.listener() == null ? null : EventLoop.callSite();
  }

  /**
   * Registers what to do with the child's standard output (Node's
   * {@code child.stdout.on('data', ...)}), chunk by chunk, on the loop thread.
   *
   * @param onStdout receives each chunk of bytes
   * @return this process
   */
  public ChildProcess onStdout(Consumer<byte[]> onStdout) {
    loop.checkThread("ChildProcess.onStdout");
    this.onStdout = Objects.requireNonNull(onStdout, "onStdout");
    this.stdoutSite = site();
    return this;
  }

  /**
   * Registers what to do with the child's standard error (Node's
   * {@code child.stderr.on('data', ...)}), chunk by chunk, on the loop thread.
   *
   * @param onStderr receives each chunk of bytes
   * @return this process
   */
  public ChildProcess onStderr(Consumer<byte[]> onStderr) {
    loop.checkThread("ChildProcess.onStderr");
    this.onStderr = Objects.requireNonNull(onStderr, "onStderr");
    this.stderrSite = site();
    return this;
  }

  /**
   * Registers what to do when the child has exited and all its output was delivered (Node's
   * {@code child.on('close', code => ...)}). Runs once, on the loop thread, with the exit code:
   * 0 usually means success. A process ended by a signal reports 128 + the signal number, as
   * Java reports it (for example 143 = 128 + 15, {@code SIGTERM}, after {@link #kill()}; 137 =
   * 128 + 9, {@code SIGKILL}); Node would report a {@code null} code and the signal's name.
   *
   * @param onExit receives the exit code
   * @return this process
   */
  public ChildProcess onExit(IntConsumer onExit) {
    loop.checkThread("ChildProcess.onExit");
    this.onExit = Objects.requireNonNull(onExit, "onExit");
    this.exitSite = site();
    return this;
  }

  /**
   * Registers what to do with each line of the child's standard output (Node's {@code
   * readline} over {@code child.stdout}), on the loop thread: UTF-8 text without its line end.
   * A last line without a line end arrives before the exit callback.
   *
   * @param onLine receives each line
   * @return this process
   */
  public ChildProcess onLine(Consumer<String> onLine) {
    loop.checkThread("ChildProcess.onLine");
    this.onLine = Objects.requireNonNull(onLine, "onLine");
    this.lineSite = site();
    if (lines == null) lines = new LineSplitter();
    return this;
  }

  /**
   * Registers what to do with each message the forked child sends with {@link
   * Parent#send(Object)} (Node's {@code child.on('message', ...)}), on the loop thread. The value
   * is a copy, rebuilt in this process. Messages that arrive while no callback is registered are
   * dropped, as in Node.
   *
   * @param onMessage receives each message
   * @return this process
   */
  public ChildProcess onMessage(Consumer<Object> onMessage) {
    loop.checkThread("ChildProcess.onMessage");
    this.onMessage = Objects.requireNonNull(onMessage, "onMessage");
    this.messageSite = site();
    return this;
  }

  /**
   * Registers what to do with an error (Node's {@code child.on('error', ...)}), on the loop
   * thread: a fork that could not start, a message sent to a child that is gone, a message from
   * the child that cannot be rebuilt here.
   *
   * @param onError receives the error
   * @return this process
   */
  public ChildProcess onError(Consumer<Exception> onError) {
    loop.checkThread("ChildProcess.onError");
    this.onError = Objects.requireNonNull(onError, "onError");
    this.errorSite = site();
    return this;
  }

  /**
   * Sends a message to a forked child (Node's {@code child.send(message)}); it arrives at the
   * child's {@link Parent#onMessage(Consumer)}. The message is <em>copied</em> now, on the loop
   * thread: the child gets objects of its own, never yours. What can be sent: {@code null},
   * booleans, numbers, characters, strings, {@code byte[]}, enum constants, records of sendable
   * values, and lists, sets and maps of sendable values. The child needs the same record and enum
   * classes on its class path (a fork has yours). Sending never waits for the child.
   *
   * @param message the value to copy and send
   * @return {@code true} when it was queued; {@code false} when the channel is closed (the child
   *     has exited or was disconnected), and then an error event follows
   * @throws IllegalArgumentException when the value (or something in it) cannot be copied to
   *     another process; the message says which part
   * @throws IllegalStateException when this child was {@code spawn}ed (it has no channel), or on
   *     a thread other than the loop's
   */
  public boolean send(Object message) {
    loop.checkThread("ChildProcess.send");
    if (ipc == null)
      throw new IllegalStateException(
          "this child was started with spawn(...), which has no message channel: start it with"
              + " loop.fork(MainClass, args...) to send it messages");
    byte[] bytes = IpcCodec.encode(message);
    if (!ipc.send(IpcChannel.MESSAGE, bytes)) {
      Exception e =
          new IllegalStateException(
              "cannot send to child process "
                  + pid()
                  + ": its channel is closed (it has exited, or was disconnected)");
      loop.enqueue(new Task(null, null, () -> error(e)));
      return false;
    }
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null)
      listener.processMessageSent(
          new ProcessMessageEvent(
              ProcessHandle.current().pid(), pid(), IpcCodec.typeOf(message), bytes.length));
    return true;
  }

  /**
   * Closes the message channel (Node's {@code child.disconnect()}): messages already sent are
   * still delivered, then the child's {@link Parent} is disconnected and stops keeping the
   * child's loop alive, so a child that only waited for messages can end.
   */
  public void disconnect() {
    loop.checkThread("ChildProcess.disconnect()");
    if (ipc != null) ipc.disconnect();
  }

  /**
   * Whether messages can be sent: the child was forked, has connected, and neither side has
   * disconnected (Node's {@code child.connected}).
   *
   * @return {@code true} while the channel is open
   */
  public boolean isConnected() {
    return ipc != null && ipc.isOpen();
  }

  /**
   * The operating system's process id (Node's {@code child.pid}).
   *
   * @return the pid, or -1 for a fork that could not start
   */
  public long pid() {
    return process == null ? -1 : process.pid();
  }

  /**
   * Asks the process to terminate (Node's {@code child.kill()}, which sends {@code SIGTERM}).
   * Its exit still arrives through {@link #onExit(IntConsumer)}, with code 143 (128 + 15) unless
   * the process handles the signal itself.
   */
  public void kill() {
    loop.checkThread("ChildProcess.kill()");
    killRequested = true;
    if (process != null) process.destroy();
  }

  /** Same as {@link #kill()}. */
  @Override
  public void close() {
    kill();
  }

  /**
   * Lets the loop finish without waiting for this process (Node's {@code child.unref()}).
   *
   * @return this process
   */
  @Override
  public ChildProcess unref() {
    doUnref("ChildProcess.unref()");
    return this;
  }

  /**
   * Makes the loop wait for this process again (Node's {@code child.ref()}).
   *
   * @return this process
   */
  @Override
  public ChildProcess ref() {
    doRef("ChildProcess.ref()");
    return this;
  }

  /** Whether the process is still running or its exit has not been delivered yet. */
  @Override
  public boolean isActive() {
    return active;
  }

  /**
   * The exit code, once the exit callback's turn has come.
   *
   * @return the exit code, or -1 while the process is running
   */
  public int exitCode() {
    return exitCode;
  }

  @Override
  public String toString() {
    return "ChildProcess[pid=" + pid() + (active ? ", running" : ", exited " + exitCode) + "]";
  }
}
