package dev.workshop.verifier.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a command in a child process: started early if need be, told to go with a line on its
 * standard input, then run with a wall-clock timeout that kills the whole process tree,
 * with its output captured up to a cap (the rest is counted, never silently lost), and with a
 * shutdown hook so that Ctrl-C on the workshop also ends the child and everything it started.
 */
public final class ChildJvm {
  /** How long a child that never says it is ready may take, on top of its timeout. */
  public static final Duration READY_GRACE = Duration.ofSeconds(10);

  /** How much of each output stream is kept. */
  public static final int OUTPUT_CAP = 1 << 20;

  private ChildJvm() {}

  /**
   * The {@code java} to run solutions with: {@code WORKSHOP_JAVA} (a java binary or a JDK folder),
   * else {@code JAVA_HOME}, else the Java running the workshop.
   */
  public static Path javaExecutable(Map<String, String> env) {
    for (String var : List.of("WORKSHOP_JAVA", "JAVA_HOME")) {
      String v = env.get(var);
      if (v == null || v.isBlank()) continue;
      Path p = Path.of(v);
      if (Files.isDirectory(p)) p = p.resolve("bin").resolve("java");
      if (Files.isExecutable(p)) return p;
      if (var.equals("WORKSHOP_JAVA")) {
        throw new IllegalArgumentException(
            "WORKSHOP_JAVA=" + v + " is neither a java program nor a JDK folder");
      }
    }
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** A process that is running, and what it has printed so far. */
  public static final class Running {
    private final Process process;
    private final Capture out;
    private final Capture err;

    Running(Process process, Capture out, Capture err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    /** Waits until the output matches {@code regex}, the process ends, or the time is up. */
    public Matcher awaitOutput(Pattern regex, Duration timeout) throws InterruptedException {
      return out.await(regex, timeout, process);
    }

    public boolean alive() {
      return process.isAlive();
    }
  }

  /**
   * Starts {@code command} and leaves it waiting for its first line of standard input: a JVM can
   * boot while the solution is still being compiled. Call {@link Started#go} or
   * {@link Started#cancel()}.
   *
   * @param env variables to set, or to remove where the value is null
   */
  public static Started start(List<String> command, Map<String, String> env) {
    return start(
        command,
        environment ->
            env.forEach(
                (k, v) -> {
                  if (v == null) {
                    environment.remove(k);
                  } else {
                    environment.put(k, v);
                  }
                }));
  }

  /**
   * As {@link #start(List, Map)}, with the child's environment (a copy of this process's) edited
   * by {@code environment}. On Linux the child leads a session and process group of its own
   * ({@code setsid}, which execs: the process's pid stays the command's), so that everything it
   * starts can be ended with it, even a process whose parent has exited. Elsewhere (macOS,
   * Windows, or {@code -Dworkshop.portable=true}) only its process tree is ended: its descendants
   * ({@link ProcessHandle#descendants()}), so a process that left the tree (its parent exited
   * first) can outlive the verify there.
   */
  public static Started start(
      List<String> command, java.util.function.Consumer<Map<String, String>> environment) {
    List<String> full = new java.util.ArrayList<>();
    Path setsid = dev.workshop.probe.Portable.forced() ? null : SETSID;
    if (setsid != null) full.add(setsid.toString());
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full);
    environment.accept(pb.environment());
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    return new Started(process, setsid != null);
  }

  /**
   * {@code setsid}, where process groups can be listed ({@code /proc}): {@code /usr/bin/setsid},
   * {@code /bin/setsid}, else the first on {@code PATH}; null elsewhere.
   */
  static final Path SETSID = findSetsid();

  private static Path findSetsid() {
    if (!dev.workshop.probe.ProcessGroup.supported()
        || Boolean.getBoolean("workshop.child.nosetsid")) return null;
    List<Path> candidates =
        new java.util.ArrayList<>(List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) candidates.add(Path.of(dir, "setsid"));
      }
    }
    return candidates.stream()
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst()
        .orElse(null);
  }

  /** A started process that has not been told to go yet. */
  public static final class Started {
    private final Process process;
    private final boolean grouped;
    private final Thread killer;

    Started(Process process, boolean grouped) {
      this.process = process;
      this.grouped = grouped;
      this.killer = new Thread(() -> killAll(process, grouped), "workshop-kill-child");
      Runtime.getRuntime().addShutdownHook(killer);
    }

    /** The process's id: the JVM's own, also when it was started through {@code setsid}. */
    public long pid() {
      return process.pid();
    }

    /** Ends the process unheard, for a run that will not happen after all. */
    public void cancel() {
      killAll(process, grouped);
      closeStdin();
      removeHook();
    }

    private void removeHook() {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or will run: it does the same
      }
    }

    private void closeStdin() {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // gone already
      }
    }

    /**
     * Sends {@code line} (when not null) and runs the process until it ends or {@code timeout}
     * passes, counted from now. Standard input stays open while the process runs (the probe
     * halts its JVM when it closes: the workshop is gone); it is closed once the process and
     * everything it started have been ended.
     */
    public ProcessRun go(
        String line, Duration timeout, Consumer<String> live, Consumer<Running> during) {
      return go(line, timeout, () -> -1, live, during);
    }

    /**
     * As {@link #go(String, Duration, Consumer, Consumer)}, with the timeout counted from the moment
     * the child said it is ready ({@code readyAt}, a {@link System#nanoTime()} value, or -1 while it
     * has not): a JVM that warms up slowly on a busy machine does not lose its solution's time. A
     * child that never says so gets {@link #READY_GRACE} on top of its timeout.
     */
    public ProcessRun go(
        String line,
        Duration timeout,
        java.util.function.LongSupplier readyAt,
        Consumer<String> live,
        Consumer<Running> during) {
      long started = System.nanoTime();
      boolean ended = false;
      try {
        if (line != null) {
          try {
            var in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
          } catch (IOException e) {
            // already gone: its output says why
          }
        }
        Capture out = new Capture(process.getInputStream(), live);
        Capture err = new Capture(process.getErrorStream(), null);
        out.start("workshop-child-stdout");
        err.start("workshop-child-stderr");
        boolean timedOut = false;
        // When it ended, stamped by the JDK's process reaper: the exercise's interaction below may
        // outlast the program (computing an expected answer, say), and a program that ended in time
        // is not late because the verifier was busy.
        java.util.concurrent.atomic.AtomicLong endedAt =
            new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.CompletableFuture<Void> stamped =
            process.onExit().thenRun(() -> endedAt.compareAndSet(-1, System.nanoTime()));
        try {
          if (during != null) during.accept(new Running(process, out, err));
          for (; ; ) {
            long ready = readyAt.getAsLong();
            long deadline =
                ready >= 0
                    ? Math.max(ready, started) + timeout.toNanos()
                    : started + timeout.toNanos() + READY_GRACE.toNanos();
            if (!process.isAlive()) {
              stamped.join();
              timedOut = endedAt.get() - deadline > 0;
              break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              timedOut = true;
              killAll(process, grouped);
              break;
            }
            // Until the child is ready, look again now and then: its deadline moves with it.
            long wait = ready >= 0 ? left : Math.min(left, TimeUnit.MILLISECONDS.toNanos(20));
            if (process.waitFor(wait, TimeUnit.NANOSECONDS)) break;
          }
          process.waitFor();
          // What it left behind (a child of a shell that exited at once) holds its output open.
          killAll(process, grouped);
          ended = true;
          out.join();
          err.join();
        } catch (InterruptedException e) {
          killAll(process, grouped);
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the solution ran", e);
        }
        return new ProcessRun(
            process.pid(),
            process.exitValue(),
            timedOut,
            out.text(),
            err.text(),
            out.dropped(),
            err.dropped(),
            Duration.ofNanos(System.nanoTime() - started));
      } finally {
        if (!ended) killAll(process, grouped);
        closeStdin();
        removeHook();
      }
    }
  }

  /**
   * Ends the process and everything it started: the other processes first (forcibly), then the
   * JVM politely (SIGTERM: the probe's shutdown hook writes its last records), then for sure; then
   * whatever is left of its process group and session when it leads one ({@code grouped}).
   */
  static void killAll(Process process, boolean grouped) {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    if (grouped && process.isAlive()) {
      for (long pid : dev.workshop.probe.ProcessGroup.members(process.pid())) {
        if (pid != process.pid()) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(1, TimeUnit.SECONDS))
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    if (grouped) dev.workshop.probe.ProcessGroup.killAll(process.pid());
  }

  /** Reads one stream to its end, keeping the first {@link #OUTPUT_CAP} characters. */
  static final class Capture implements Runnable {
    private final Reader in;
    private final Consumer<String> live;
    private final StringBuilder kept = new StringBuilder();
    private long dropped;
    private Thread thread;

    Capture(InputStream in, Consumer<String> live) {
      this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
      this.live = live;
    }

    void start(String name) {
      thread = new Thread(this, name);
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void run() {
      char[] buf = new char[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (this) {
            int room = Math.max(0, OUTPUT_CAP - kept.length());
            kept.append(buf, 0, Math.min(room, n));
            dropped += Math.max(0, n - room);
            notifyAll();
          }
          if (live != null) live.accept(new String(buf, 0, n));
        }
      } catch (IOException e) {
        // the process went away: what we have is all there is
      }
      synchronized (this) {
        notifyAll();
      }
    }

    synchronized Matcher await(Pattern regex, Duration timeout, Process process)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      for (; ; ) {
        Matcher m = regex.matcher(kept);
        if (m.find()) return m;
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !thread.isAlive())) return null;
        wait(Math.max(1, Math.min(50, left / 1_000_000)));
      }
    }

    void join() throws InterruptedException {
      thread.join(5000);
    }

    synchronized String text() {
      return kept.toString();
    }

    synchronized long dropped() {
      return dropped;
    }
  }
}
