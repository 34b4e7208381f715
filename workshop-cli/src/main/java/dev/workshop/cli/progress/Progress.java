package dev.workshop.cli.progress;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one learner has done: the current exercise, the completed ones, and how many hints of each
 * exercise they have seen. Exercises are named by their stable id, never by number, so that
 * progress survives a catalogue that grows.
 *
 * <p>Immutable: each change returns a new {@code Progress}.
 */
public final class Progress {
  private final String current;
  private final Set<String> completed;
  private final Map<String, Integer> hintsSeen;

  public Progress(String current, Set<String> completed, Map<String, Integer> hintsSeen) {
    this.current = current;
    this.completed = Collections.unmodifiableSet(new LinkedHashSet<>(completed));
    this.hintsSeen = Collections.unmodifiableMap(new TreeMap<>(hintsSeen));
  }

  public static Progress empty() {
    return new Progress(null, Set.of(), Map.of());
  }

  public Optional<String> current() {
    return Optional.ofNullable(current);
  }

  public Set<String> completed() {
    return completed;
  }

  public boolean isCompleted(String exerciseId) {
    return completed.contains(exerciseId);
  }

  public int hintsSeen(String exerciseId) {
    return hintsSeen.getOrDefault(exerciseId, 0);
  }

  public Map<String, Integer> hintsSeen() {
    return hintsSeen;
  }

  public Progress withCurrent(String exerciseId) {
    return new Progress(exerciseId, completed, hintsSeen);
  }

  public Progress withCompleted(String exerciseId) {
    Set<String> more = new LinkedHashSet<>(completed);
    more.add(exerciseId);
    return new Progress(current, more, hintsSeen);
  }

  public Progress withHintsSeen(String exerciseId, int count) {
    Map<String, Integer> hints = new TreeMap<>(hintsSeen);
    hints.put(exerciseId, Math.max(count, hintsSeen(exerciseId)));
    return new Progress(current, completed, hints);
  }

  /** Forgets everything about one exercise: completion and hints. */
  public Progress without(String exerciseId) {
    Set<String> fewer = new LinkedHashSet<>(completed);
    fewer.remove(exerciseId);
    Map<String, Integer> hints = new TreeMap<>(hintsSeen);
    hints.remove(exerciseId);
    return new Progress(current, fewer, hints);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Progress p
        && java.util.Objects.equals(current, p.current)
        && completed.equals(p.completed)
        && hintsSeen.equals(p.hintsSeen);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(current, completed, hintsSeen);
  }

  @Override
  public String toString() {
    return "Progress[current="
        + current
        + ", completed="
        + completed
        + ", hints="
        + hintsSeen
        + "]";
  }
}
