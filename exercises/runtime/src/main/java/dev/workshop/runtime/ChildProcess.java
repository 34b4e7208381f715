package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
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
 */
public final class ChildProcess extends LoopHandle implements Handle {
  private final Process process;
  private final StackTraceElement spawnSite;
  private final AtomicInteger remaining = new AtomicInteger(2);
  private Consumer<byte[]> onStdout;
  private StackTraceElement stdoutSite;
  private Consumer<byte[]> onStderr;
  private StackTraceElement stderrSite;
  private IntConsumer onExit;
  private StackTraceElement exitSite;
  private int exitCode = -1;

  private ChildProcess(EventLoop loop, Process process, StackTraceElement site) {
    super(loop);
    this.process = process;
    this.spawnSite = site;
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
    ChildProcess c = new ChildProcess(loop, p, site);
    c.activate();
    c.pump(p.getInputStream(), true);
    c.pump(p.getErrorStream(), false);
    return c;
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
              if (remaining.decrementAndGet() == 0)
                loop.enqueue(new Task(null, null, this::exited));
            },
            "spawn-" + process.pid() + (stdout ? "-stdout" : "-stderr"));
    t.setDaemon(true);
    dev.workshop.runtime.instrument.RuntimeListener listener = Instrumentation.listener();
    if (listener != null) listener.runtimeThreadStarting(t);
    t.start();
  }

  private void deliver(boolean stdout, byte[] chunk) {
    Consumer<byte[]> cb = stdout ? onStdout : onStderr;
    if (cb != null) {
      StackTraceElement site = stdout ? stdoutSite : stderrSite;
      loop.runCallback(
          CallbackKind.PROCESS, site != null ? site : spawnSite, () -> cb.accept(chunk));
    }
  }

  private void exited() {
    exitCode = process.exitValue();
    deactivate();
    IntConsumer cb = onExit;
    int code = exitCode;
    if (cb != null)
      loop.runCallback(
          CallbackKind.PROCESS, exitSite != null ? exitSite : spawnSite, () -> cb.accept(code));
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
   * 0 usually means success. A process ended by a signal reports 128 + the signal number (for
   * example 143 after {@link #kill()}).
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
   * The operating system's process id (Node's {@code child.pid}).
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Asks the process to terminate (Node's {@code child.kill()}, which sends {@code SIGTERM}).
   * Its exit still arrives through {@link #onExit(IntConsumer)}.
   */
  public void kill() {
    loop.checkThread("ChildProcess.kill()");
    process.destroy();
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
    return "ChildProcess[pid="
        + process.pid()
        + (active ? ", running" : ", exited " + exitCode)
        + "]";
  }
}
