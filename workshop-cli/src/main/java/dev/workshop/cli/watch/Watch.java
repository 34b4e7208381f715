package dev.workshop.cli.watch;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Style;
import java.io.IOError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Terminal;
import org.jline.utils.Curses;
import org.jline.utils.InfoCmp.Capability;

/**
 * {@code workshop watch}: checks the solution in a folder each time one of its {@code .java} files
 * is saved, and reads single keys meanwhile ({@code h} hint, {@code n} next exercise after a PASS,
 * {@code r} check again, {@code q} quit, Ctrl-C).
 *
 * <p>Everything happens on the thread that calls {@link #run()}, one event at a time, except the
 * check itself: it runs {@code workshop verify} on a thread of its own, so that a key or a new save
 * is heard while it runs. A save is checked once the folder has been quiet for {@value #DEBOUNCE_MS}
 * ms since it was written (an editor's save can be several writes); it cancels the check in progress at once: its thread is interrupted, which
 * ends the solution's JVM, and what it still prints is dropped. The next check starts when the
 * cancelled one has ended, so that two never run together (they would share the compile cache
 * and the progress file). Leaving ({@code q}, Ctrl-C, end of input) also waits for the check to
 * end, so that nothing is left running.
 */
public final class Watch {
  /** How long a folder must stay unchanged after a save before it is checked, in ms (as rustlings). */
  public static final long DEBOUNCE_MS = 200;

  /** How long leaving waits for a cancelled check to end, in ms. */
  static final long STOP_WAIT_MS = 60_000;

  /** Runs {@code workshop} commands in this process. */
  public interface Commands {
    /**
     * Runs one command line ({@code "verify", "myaddon"}) as the {@code workshop} command would,
     * printing to {@code out} and {@code err}, and returns its exit code. Called on the check's
     * thread or the watch's own; the thread may be interrupted to cancel it.
     */
    int run(PrintWriter out, PrintWriter err, String... args);

    /** The exercise selected now, as read from the progress file ({@code "3. CALL ME MAYBE"}). */
    String currentExercise();
  }

  private enum Key {
    HINT,
    NEXT,
    RERUN,
    QUIT,
    INTERRUPT
  }

  private sealed interface Event permits Saved, Pressed, Ended, InputClosed {}

  /** A file was saved, at {@code writtenAt} (ms since the epoch). */
  private record Saved(String file, long writtenAt) implements Event {}

  private record Pressed(Key key) implements Event {}

  private record Ended(Check check, int status) implements Event {}

  private record InputClosed() implements Event {}

  /** One run of {@code workshop verify}, on its own thread, writing through gates. */
  private final class Check {
    final int number;
    final Gate out;
    final Gate err;
    final Thread thread;
    volatile boolean cancelled;

    Check(int number) {
      this.number = number;
      this.out = new Gate(Watch.this.out);
      this.err = new Gate(Watch.this.err);
      this.thread = new Thread(this::verify, "workshop-watch-check-" + number);
      thread.setDaemon(true);
    }

    private void verify() {
      int status = ExitCode.ERROR;
      try {
        status =
            commands.run(
                out.printWriter(), err.printWriter(), "verify", "--watching", dir.toString());
      } catch (RuntimeException | Error e) {
        if (!cancelled) {
          err.printWriter().println("error: the check stopped: " + e);
        }
      } finally {
        events.add(new Ended(this, status));
      }
    }

    void cancel() {
      if (cancelled) return;
      cancelled = true;
      out.shut();
      err.shut();
      thread.interrupt();
    }
  }

  private final Terminal terminal;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Path dir;
  private final String app;
  private final boolean color;
  private final Commands commands;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final String clearScreen;

  private Check check; // the check running, or null
  private int checks;
  private boolean wanted; // a check is to start as soon as the one running has ended
  private String why = "started";
  private long dueAt = -1; // System.nanoTime() at which the saves seen so far are checked, or -1
  private final Set<String> saved = new TreeSet<>();
  private int lastStatus = -1; // the last finished check's exit code, -1 when none counts
  private boolean hintWanted;

  /**
   * @param terminal the terminal to read keys from (its size and capabilities are used too)
   * @param out where the screen is drawn: the terminal's standard output
   * @param err the terminal's standard error (the check's progress line, errors)
   * @param dir the folder with the solution; it must exist
   * @param app the command's name, as learners type it
   * @param color whether to draw in colour
   */
  public Watch(
      Terminal terminal,
      PrintWriter out,
      PrintWriter err,
      Path dir,
      String app,
      boolean color,
      Commands commands) {
    this.terminal = terminal;
    this.out = out;
    this.err = err;
    this.dir = dir;
    this.app = app;
    this.color = color;
    this.commands = commands;
    String clear = terminal.getStringCapability(Capability.clear_screen);
    this.clearScreen = clear == null ? null : Curses.tputs(clear);
  }

  /**
   * Watches until the learner leaves; returns {@link ExitCode#OK} for {@code q} or the end of
   * input, {@link ExitCode#INTERRUPTED} for Ctrl-C. The terminal is put back as it was.
   *
   * @throws IOException when the folder cannot be watched
   */
  public int run() throws IOException {
    Attributes saved = terminal.enterRawMode();
    // Ctrl-C arrives as a key, so that leaving always ends the check and restores the terminal.
    Attributes raw = new Attributes(terminal.getAttributes());
    raw.setLocalFlags(EnumSet.of(LocalFlag.ISIG), false);
    terminal.setAttributes(raw);
    // Killed from outside (SIGTERM, SIGINT from kill): the shell still gets its terminal back.
    Thread restore =
        new Thread(
            () -> {
              try {
                terminal.setAttributes(saved);
              } catch (RuntimeException | IOError e) {
                // the terminal is gone already
              }
            },
            "workshop-watch-restore");
    Runtime.getRuntime().addShutdownHook(restore);
    SourceWatcher files = new SourceWatcher(dir, (name, at) -> events.add(new Saved(name, at)));
    try {
      files.start();
      Thread keys = new Thread(this::readKeys, "workshop-watch-keys");
      keys.setDaemon(true);
      keys.start();
      start("started");
      return loop(files);
    } finally {
      stopCheck();
      files.close();
      out.println();
      out.println(Style.dim(color, "Stopped watching " + dir + "."));
      out.flush();
      terminal.setAttributes(saved);
      terminal.flush();
      try {
        Runtime.getRuntime().removeShutdownHook(restore);
      } catch (IllegalStateException shuttingDown) {
        // the hook does the same
      }
    }
  }

  private int loop(SourceWatcher files) {
    while (true) {
      Event event;
      try {
        if (dueAt < 0) {
          event = events.take();
        } else {
          event = events.poll(Math.max(0, dueAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCode.INTERRUPTED;
      }
      if (event == null) { // quiet for DEBOUNCE_MS since the last save
        dueAt = -1;
        String names = String.join(", ", saved);
        saved.clear();
        request("you saved " + names);
        continue;
      }
      if (event instanceof Saved s) {
        saved.add(s.file());
        // Quiet for DEBOUNCE_MS since the file was written, not since the poll that saw it.
        long quietIn =
            Math.max(
                0, Math.min(DEBOUNCE_MS, s.writtenAt() + DEBOUNCE_MS - System.currentTimeMillis()));
        dueAt = Math.max(dueAt, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(quietIn));
        if (check != null) check.cancel(); // its result is out of date already
      } else if (event instanceof Ended e) {
        ended(e);
      } else if (event instanceof InputClosed) {
        return ExitCode.OK;
      } else if (event instanceof Pressed p) {
        switch (p.key()) {
          case QUIT -> {
            return ExitCode.OK;
          }
          case INTERRUPT -> {
            return ExitCode.INTERRUPTED;
          }
          case RERUN -> request("you pressed r");
          case HINT -> {
            if (check != null) {
              hintWanted = true; // after the verdict, not through it
            } else {
              hint();
            }
          }
          case NEXT -> next(files);
        }
      }
    }
  }

  /** Starts a check now, or as soon as the one running has ended (it is cancelled). */
  private void request(String reason) {
    why = reason;
    if (check == null) {
      start(reason);
    } else {
      wanted = true;
      check.cancel();
    }
  }

  private void start(String reason) {
    wanted = false;
    lastStatus = -1;
    checks++;
    clear();
    out.println(
        Style.bold(color, "Watching " + dir)
            + Style.dim(
                color,
                "  check #"
                    + checks
                    + " at "
                    + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                    + ", "
                    + reason));
    out.println();
    out.flush();
    check = new Check(checks);
    check.thread.start();
  }

  private void ended(Ended e) {
    if (e.check() != check) return;
    check = null;
    if (e.check().cancelled) {
      if (wanted && dueAt < 0) start(why);
      return;
    }
    lastStatus = e.status();
    footer();
    if (hintWanted) {
      hintWanted = false;
      hint();
    }
  }

  /** The keys, below the verdict. */
  private void footer() {
    out.println();
    String keys =
        (lastStatus == ExitCode.OK ? key("n") + " next exercise · " : "")
            + key("h")
            + " hint · "
            + key("r")
            + " check again · "
            + key("q")
            + " quit";
    String wait = lastStatus == ExitCode.OK ? "Done here. " : "Save your file to check it again. ";
    out.println(Style.dim(color, wait) + keys);
    out.flush();
  }

  private String key(String key) {
    return Style.bold(color, key);
  }

  /** The next hint of the current exercise, below what the screen shows. */
  private void hint() {
    out.println();
    commands.run(out, err, "hint");
    out.flush();
  }

  /**
   * After a PASS: selects the next exercise not completed and scaffolds it into the folder, as
   * {@code workshop next} and {@code workshop scaffold DIR} do, without watching the files it
   * writes (they are not the learner's saves).
   */
  private void next(SourceWatcher files) {
    if (check != null || lastStatus != ExitCode.OK) {
      out.println();
      out.println(
          Style.dim(
              color,
              check != null
                  ? "n moves on once this check has passed."
                  : "n moves on once this exercise passes. Save your file to check it again, or press r."));
      out.flush();
      return;
    }
    String before = commands.currentExercise();
    files.pause();
    try {
      clear();
      int status = commands.run(out, err, "next", "--no-pager");
      String after = commands.currentExercise();
      if (status == ExitCode.OK && !after.equals(before)) {
        out.println();
        commands.run(out, err, "scaffold", dir.toString());
        lastStatus = -1;
        out.println();
        out.println(
            Style.bold(color, "Now on " + after + ".")
                + " Save your file to check it, or press "
                + key("r")
                + ".");
      }
      out.flush();
    } finally {
      try {
        files.start();
      } catch (IOException e) {
        err.println(
            Style.warning(color, "warning: ")
                + "cannot watch "
                + dir
                + " any more: "
                + e.getMessage()
                + ". Press r to check it, q to quit.");
        err.flush();
      }
    }
  }

  private void clear() {
    if (clearScreen != null) {
      out.print(clearScreen);
    } else {
      out.println();
    }
    out.flush();
  }

  /** Cancels the check running, if any, and waits for it to end: its JVM is gone then. */
  private void stopCheck() {
    Check running = check;
    if (running == null) return;
    running.cancel();
    out.println();
    out.println(Style.dim(color, "Stopping the check…"));
    out.flush();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
    boolean interrupted = false;
    while (running.thread.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) break;
      try {
        running.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    check = null;
  }

  /** Reads keys until the terminal's input ends; runs on a daemon thread of its own. */
  private void readKeys() {
    try {
      while (true) {
        int c = terminal.reader().read();
        if (c < 0) {
          if (c == -2) continue; // a read timeout, not the end
          events.add(new InputClosed());
          return;
        }
        Key key =
            switch (c) {
              case 'h', 'H' -> Key.HINT;
              case 'n', 'N' -> Key.NEXT;
              case 'r', 'R' -> Key.RERUN;
              case 'q', 'Q', 4 -> Key.QUIT; // 4: Ctrl-D
              case 3 -> Key.INTERRUPT; // Ctrl-C
              default -> null;
            };
        if (key != null) events.add(new Pressed(key));
      }
    } catch (IOException | IOError e) {
      events.add(new InputClosed());
    }
  }
}
