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

  public Workshop(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, TerminalInfo terminal, String appName) {
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
      catalogue = Catalogue.load();
    }
    return catalogue;
  }

  public ProgressStore progressStore() {
    if (progressStore == null) {
      progressStore = new ProgressStore(ProgressStore.defaultDirectory(env), message -> warn(message));
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
    return progress.current().flatMap(catalogue()::byId).orElseGet(() -> nextUnfinished(progress, null).orElse(catalogue().exercises().get(0)));
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
    if (trimmed.matches("\\d+")) {
      int number = Integer.parseInt(trimmed);
      return catalogue().byNumber(number).orElseThrow(() -> WorkshopException.usage(
          "there is no exercise " + number + ": the exercises are numbered 1 to " + all.size()
              + ". Run '" + appName + " list' to see them."));
    }
    String wanted = normalize(trimmed);
    for (Exercise exercise : all) {
      if (normalize(exercise.title()).equals(wanted) || normalize(exercise.id()).equals(wanted)) {
        return exercise;
      }
    }
    List<Exercise> partial = all.stream().filter(e -> !wanted.isEmpty() && normalize(e.title()).contains(wanted)).toList();
    if (partial.size() == 1) {
      return partial.get(0);
    }
    List<Exercise> closest = new ArrayList<>(all);
    closest.sort(Comparator.comparingInt(e -> distance(wanted, normalize(e.title()))));
    StringBuilder message = new StringBuilder("no exercise is called '" + trimmed + "'. Closest: ");
    for (int i = 0; i < Math.min(3, closest.size()); i++) {
      message.append(i == 0 ? "" : ", ").append(closest.get(i).number()).append(". ").append(closest.get(i).title());
    }
    return failWith(message.append(". Use a number or a title, e.g. '").append(appName).append(" select 1'.").toString());
  }

  private static Exercise failWith(String message) {
    throw WorkshopException.usage(message);
  }

  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  // Levenshtein distance: small inputs, so the plain two-row version is plenty.
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
