package dev.workshop.cli.verify;

import dev.workshop.cli.Style;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.WorkshopException;
import dev.workshop.cli.progress.ProgressStore;
import dev.workshop.exercises.Exercise;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Verifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code verify} and {@code run} share: the verifier, its cache and the progress line. */
public final class Solutions {
  private Solutions() {}

  /**
   * The verifier, with its compile cache beside the progress file (or in the temporary folder
   * when that one cannot be written).
   */
  public static Verifier verifier(Workshop workshop) {
    return new Verifier(cacheDirectory(workshop.env()), workshop.env());
  }

  /**
   * Where compiled solutions and the solutions' class-data archive are kept: {@code WORKSHOP_CACHE},
   * else {@code cache/} beside the progress file, else the temporary folder when that one cannot
   * be written.
   */
  public static Path cacheDirectory(java.util.Map<String, String> env) {
    String override = env.get("WORKSHOP_CACHE");
    Path cache = override != null && !override.isBlank() ? Path.of(override)
        : ProgressStore.defaultDirectory(env).resolve("cache");
    try {
      Files.createDirectories(cache);
      if (!Files.isWritable(cache)) throw new java.io.IOException("not writable");
    } catch (java.io.IOException | RuntimeException e) {
      cache = Path.of(System.getProperty("java.io.tmpdir"), "workshop-cache-" + System.getProperty("user.name", "user"));
    }
    return cache;
  }

  /** The exercise's blocking budget, for the timeline. */
  public static long budgetMs(Exercise exercise) {
    return exercise.property("block.budget.ms").map(Long::parseLong).orElse(Judge.DEFAULT_BUDGET_MS);
  }

  /** Turns a folder the verifier refuses into a usage error that says what to do. */
  public static WorkshopException badFolder(Workshop workshop, Verifier.BadFolder e) {
    return WorkshopException.usage(e.getMessage() + ". Give the folder that holds your solution, for example '"
        + workshop.appName() + " verify myaddon'; '" + workshop.appName() + " scaffold' makes one.");
  }

  /**
   * Shows what the verifier is doing on one line of stderr that rewrites itself; nothing at all
   * when stderr is not a terminal, so that logs stay clean.
   */
  public static Verifier.Progress progressLine(Workshop workshop) {
    if (!workshop.terminal().stdoutIsTerminal()) return step -> { };
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
    if (workshop.terminal().stdoutIsTerminal()) {
      workshop.err().print("\r\u001b[K");
      workshop.err().flush();
    }
  }
}
