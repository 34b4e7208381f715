package dev.workshop.cli;

import dev.workshop.cli.progress.Progress;
import dev.workshop.cli.progress.ProgressStore;
import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a command needs from the outside world, in one place so that tests can provide it:
 * the streams, the environment, the terminal, the catalogue and the learner's progress.
 */
public final class Workshop {
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Map<String, String> env;
  private TerminalInfo terminal;
  private final String appName;
  private Catalogue catalogue;
  private ProgressStore progressStore;
  private Progress progress;

  public Workshop(
      PrintWriter out,
      PrintWriter err,
      InputStream in,
      Map<String, String> env,
      TerminalInfo terminal,
      String appName) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = env;
    this.terminal = terminal;
    this.appName = appName;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public Map<String, String> env() {
    return env;
  }

  public TerminalInfo terminal() {
    return terminal;
  }

  void disableColor() {
    terminal = terminal.withoutColor();
  }

  /** The command name learners type, as the launcher was called: {@code workshop}. */
  public String appName() {
    return appName;
  }

  public Catalogue catalogue() {
    if (catalogue == null) {
      Catalogue loaded = Catalogue.load();
      requireExercises(loaded.exercises());
      catalogue = loaded;
    }
    return catalogue;
  }

  /** A build without exercise folders must say so, not fail on the first exercise it looks for. */
  static void requireExercises(List<Exercise> exercises) {
    if (exercises.isEmpty()) {
      throw new WorkshopException(
          ExitCode.ERROR,
          "this build of the workshop has no exercises: the folders under "
              + "exercises/catalogue/src/main/exercises/ were missing when it was built. Add them and run ./workshop again to rebuild.");
    }
  }

  public ProgressStore progressStore() {
    if (progressStore == null) {
      progressStore =
          new ProgressStore(ProgressStore.defaultDirectory(env), message -> warn(message));
    }
    return progressStore;
  }

  /** The learner's progress, read once per command. */
  public Progress progress() {
    if (progress == null) {
      progress = progressStore().load();
    }
    return progress;
  }

  /** Changes the saved progress, on top of whatever another process may have saved meanwhile. */
  public Progress updateProgress(java.util.function.UnaryOperator<Progress> change) {
    progress = progressStore().update(change);
    return progress;
  }

  /** One line on stderr that starts with {@code warning:}. */
  public void warn(String message) {
    err.println(Style.warning(terminal.color(), "warning: ") + message);
    err.flush();
  }

  /**
   * The exercise the learner is on: the one they selected, else the first one not completed yet,
   * else the first one.
   */
  public Exercise currentExercise() {
    Progress progress = progress();
    return progress
        .current()
        .flatMap(catalogue()::byId)
        .orElseGet(() -> nextUnfinished(progress, null).orElse(catalogue().exercises().get(0)));
  }

  /** The first exercise after {@code after} (or from the start) that is not completed. */
  public Optional<Exercise> nextUnfinished(Progress progress, Exercise after) {
    List<Exercise> all = catalogue().exercises();
    int start = after == null ? 0 : after.number();
    for (int i = 0; i < all.size(); i++) {
      Exercise candidate = all.get((start + i) % all.size());
      if (!progress.isCompleted(candidate.id())) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds an exercise by number (from 1) or by name, ignoring case and punctuation. An unknown
   * name is a usage error that lists the closest titles.
   */
  public Exercise findExercise(String query) {
    List<Exercise> all = catalogue().exercises();
    String trimmed = query.strip();
    if (trimmed.isEmpty()) {
      throw WorkshopException.usage(
          "name an exercise by its number (1 to "
              + all.size()
              + ") or its title. Run '"
              + appName
              + " list' to see them.");
    }
    if (trimmed.matches("[+-]?\\d+")) {
      String digits = trimmed.replaceFirst("^\\+", "");
      int number = digits.length() > 9 ? -1 : Integer.parseInt(digits);
      return catalogue()
          .byNumber(number)
          .orElseThrow(
              () ->
                  WorkshopException.usage(
                      "there is no exercise "
                          + trimmed
                          + ": the exercises are numbered 1 to "
                          + all.size()
                          + ". Run '"
                          + appName
                          + " list' to see them."));
    }
    String wanted = normalize(trimmed);
    for (Exercise exercise : all) {
      if (normalize(exercise.title()).equals(wanted) || normalize(exercise.id()).equals(wanted)) {
        return exercise;
      }
    }
    List<Exercise> partial =
        all.stream()
            .filter(e -> !wanted.isEmpty() && normalize(e.title()).contains(wanted))
            .toList();
    if (partial.size() == 1) {
      return partial.get(0);
    }
    if (partial.size() > 1) {
      return failWith(
          "'"
              + trimmed
              + "' is in more than one title: "
              + titles(partial, partial.size())
              + ". Say more of the title, or use its number.");
    }
    List<Exercise> closest = new ArrayList<>(all);
    closest.sort(
        Comparator.comparingInt((Exercise e) -> distanceWithin(wanted, normalize(e.title())))
            .thenComparingInt(e -> distance(wanted, normalize(e.title()))));
    return failWith(
        "no exercise is called '"
            + trimmed
            + "'. Closest: "
            + titles(closest, 3)
            + ". Use a number or a title, e.g. '"
            + appName
            + " select 1'.");
  }

  private static String titles(List<Exercise> exercises, int most) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(most, exercises.size()); i++) {
      out.append(i == 0 ? "" : ", ")
          .append(exercises.get(i).number())
          .append(". ")
          .append(exercises.get(i).title());
    }
    return out.toString();
  }

  private static Exercise failWith(String message) {
    throw WorkshopException.usage(message);
  }

  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** How many typing mistakes (a letter wrong, missing, extra, or two swapped) turn {@code a} into {@code b}. */
  static int distance(String a, String b) {
    return edits(a, b, false);
  }

  /**
   * How many typing mistakes turn {@code wanted} into some part of {@code title}: a short name that
   * is nearly a word of a long title is close to it, whatever the rest of the title says.
   */
  static int distanceWithin(String wanted, String title) {
    return edits(wanted, title, true);
  }

  // Optimal string alignment distance; with anywhere, the match may start and end anywhere in b.
  private static int edits(String a, String b, boolean anywhere) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = anywhere ? 0 : j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    if (!anywhere) {
      return d[a.length()][b.length()];
    }
    int best = Integer.MAX_VALUE;
    for (int j = 0; j <= b.length(); j++) {
      best = Math.min(best, d[a.length()][j]);
    }
    return best;
  }
}
