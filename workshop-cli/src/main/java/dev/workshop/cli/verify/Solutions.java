package dev.workshop.cli.verify;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Style;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.WorkshopException;
import dev.workshop.cli.workspace.Workspace;
import dev.workshop.exercises.Exercise;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@code verify} and {@code run} share: the verifier, its cache and the progress line. */
public final class Solutions {
  private Solutions() {}

  /**
   * The verifier, with its compile cache in the {@linkplain #cacheDirectory cache folder}.
   */
  public static Verifier verifier(Workshop workshop) {
    return new Verifier(cacheDirectory(workshop.env()), workshop.env());
  }

  /**
   * Where compiled solutions and the solutions' class-data archive are kept: {@code WORKSHOP_CACHE};
   * else {@code cache/} in {@code WORKSHOP_HOME} when that is set (a workshop home holds all its
   * state); else the system's folder for caches (see {@link #defaultCacheDirectory}); else the
   * temporary folder when that one cannot be written. Entries are keyed by the paths and times of
   * the jars they were made from, so two clones of the workshop never share a stale one.
   */
  public static Path cacheDirectory(java.util.Map<String, String> env) {
    Path cache =
        defaultCacheDirectory(
            env, System.getProperty("os.name", ""), System.getProperty("user.home"));
    try {
      Files.createDirectories(cache);
      if (!Files.isWritable(cache)) throw new java.io.IOException("not writable");
    } catch (java.io.IOException | RuntimeException e) {
      cache =
          Path.of(
              System.getProperty("java.io.tmpdir"),
              "workshop-cache-" + System.getProperty("user.name", "user"));
    }
    return cache;
  }

  /**
   * The cache folder before it is checked: {@code $WORKSHOP_CACHE}, else {@code
   * $WORKSHOP_HOME/cache}, else {@code $XDG_CACHE_HOME/workshop} (the XDG Base Directory
   * specification), else the platform's: {@code ~/Library/Caches/workshop} on macOS, {@code
   * %LOCALAPPDATA%\workshop\cache} on Windows, {@code ~/.cache/workshop} elsewhere. {@code ~} is
   * {@code $HOME} (the JVM's {@code user.home} only when it is unset).
   */
  static Path defaultCacheDirectory(
      java.util.Map<String, String> env, String osName, String userHome) {
    String override = env.get("WORKSHOP_CACHE");
    if (set(override)) return Path.of(override);
    String home = env.get("WORKSHOP_HOME");
    if (set(home)) return Path.of(home, "cache");
    String xdg = env.get("XDG_CACHE_HOME");
    if (set(xdg)) return Path.of(xdg, "workshop");
    String user = set(env.get("HOME")) ? env.get("HOME") : userHome;
    String os = osName.toLowerCase(java.util.Locale.ROOT);
    if (os.startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      return set(local)
          ? Path.of(local, "workshop", "cache")
          : Path.of(user, "AppData", "Local", "workshop", "cache");
    }
    if (os.startsWith("mac")) return Path.of(user, "Library", "Caches", "workshop");
    return Path.of(user, ".cache", "workshop");
  }

  private static boolean set(String value) {
    return value != null && !value.isBlank();
  }

  /** The {@code --trace FILE} option of {@code run} and {@code verify}. */
  public static picocli.CommandLine.Model.OptionSpec traceOption() {
    return picocli.CommandLine.Model.OptionSpec.builder("--trace")
        .paramLabel("FILE")
        .type(Path.class)
        .description(
            "Also write what the probe saw to FILE, in the Chrome Trace Event Format:"
                + " open it in https://ui.perfetto.dev or chrome://tracing.")
        .build();
  }

  /**
   * Refuses a {@code --trace} file that cannot be written, before anything runs (exit code 2): a
   * folder, or a file in a folder that does not exist.
   */
  public static void requireTraceFile(Workshop workshop, Path file) {
    if (file == null) return;
    Path parent = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file) || parent == null || !Files.isDirectory(parent)) {
      throw new WorkshopException(
          ExitCode.USAGE,
          "cannot write the trace to "
              + file
              + ": "
              + (Files.isDirectory(file) ? "it is a folder" : "its folder does not exist")
              + ". Give a file name, such as --trace trace.json.");
    }
  }

  /** Writes the trace of {@code verdict}'s runs to {@code file} (when given) and says where. */
  public static void writeTrace(
      Workshop workshop, Path file, dev.workshop.verifier.Verdict verdict, Exercise exercise) {
    if (file == null) return;
    try (var out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
      ChromeTrace.write(verdict.runs(), budgetMs(exercise) * 1_000_000L, out);
    } catch (IOException e) {
      throw new WorkshopException(
          ExitCode.ERROR, "cannot write the trace to " + file + ": " + e.getMessage() + ".");
    }
    boolean color = workshop.terminal().color();
    workshop
        .out()
        .println(
            "Trace: "
                + file
                + " (open it in "
                + Style.command(color, "https://ui.perfetto.dev")
                + " or chrome://tracing)");
  }

  /** The exercise's blocking budget, for the timeline. */
  public static long budgetMs(Exercise exercise) {
    return exercise
        .property("block.budget.ms")
        .map(Long::parseLong)
        .orElse(Judge.DEFAULT_BUDGET_MS);
  }

  /**
   * Refuses, with {@link ExitCode#REFUSED}, a folder that holds another exercise than the current
   * one (its state says so, or a file the learner writes in another exercise sits in it), saying
   * which exercise it holds and what to type: compiling it would only give errors about that
   * exercise's files. Nothing happens for a folder that does not exist (the verifier says so).
   */
  public static void requireCurrentExercise(Workshop workshop, Exercise current, Path dir) {
    if (dir == null) return;
    Optional<Workspace.Mismatch> mismatch;
    try {
      mismatch = new Workspace(workshop.catalogue().exercises(), dir).mismatch(current);
    } catch (IOException e) {
      return; // the verifier names what cannot be read
    }
    if (mismatch.isEmpty()) return;
    Exercise held = mismatch.get().held();
    List<String> files = mismatch.get().files();
    String app = workshop.appName();
    throw WorkshopException.refused(
        dir
            + " holds "
            + held.number()
            + ". "
            + held.title()
            + (files.isEmpty() ? "" : " (" + String.join(", ", files) + ")")
            + ", not "
            + current.number()
            + ". "
            + current.title()
            + ", the exercise selected. To move on: '"
            + app
            + " scaffold "
            + dir
            + "' (it keeps your files of "
            + held.number()
            + " in "
            + dir.resolve(Workspace.DONE).resolve(held.folder())
            + "/). To go back: '"
            + app
            + " select "
            + held.number()
            + "'.");
  }

  /**
   * Refuses, as a usage error ({@link ExitCode#USAGE}), a missing folder argument or one that
   * cannot be a solution: none given, no such folder, a file, unreadable. {@code verify} and
   * {@code run} call it before they print anything, so that a usage error is the error alone. The
   * verifier checks again (the folder may go in between) and says the same.
   */
  public static void requireFolder(Workshop workshop, Path dir) {
    String problem = null;
    if (dir == null) {
      problem = "no solution folder given";
    } else {
      Path folder = dir.toAbsolutePath().normalize();
      if (!Files.exists(folder)) problem = dir + " does not exist";
      else if (!Files.isDirectory(folder)) problem = dir + " is a file, not a folder";
      else if (!Files.isReadable(folder)) problem = dir + " cannot be read";
    }
    if (problem != null) throw badFolder(workshop, problem);
  }

  /** Turns a folder the verifier refuses into a usage error that says what to do. */
  public static WorkshopException badFolder(Workshop workshop, Verifier.BadFolder e) {
    return badFolder(workshop, e.getMessage());
  }

  private static WorkshopException badFolder(Workshop workshop, String problem) {
    return WorkshopException.usage(
        problem
            + ". Give the folder that holds your solution, for example '"
            + workshop.appName()
            + " verify myaddon'; '"
            + workshop.appName()
            + " scaffold' makes one.");
  }

  /**
   * Shows what the verifier is doing on one line of stderr that rewrites itself; nothing at all
   * when stdout or stderr is not a terminal or the terminal cannot rewrite a line ({@code TERM=dumb}),
   * so that logs and dumb terminals get no control codes.
   */
  public static Verifier.Progress progressLine(Workshop workshop) {
    if (!workshop.terminal().rewritesLines()) return step -> {};
    PrintWriter err = workshop.err();
    boolean color = workshop.terminal().color();
    return new Verifier.Progress() {
      @Override
      public void step(String what) {
        err.print("\r\u001b[K" + Style.dim(color, what + "…"));
        err.flush();
      }
    };
  }

  /** Erases the progress line. */
  public static void clearProgress(Workshop workshop) {
    if (workshop.terminal().rewritesLines()) {
      workshop.err().print("\r\u001b[K");
      workshop.err().flush();
    }
  }
}
