package dev.workshop.verifier;

import dev.workshop.verifier.launch.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running program, as an exercise's {@link Verification#interact(Session)} sees it. */
public final class Session {
  private final ExerciseSpec spec;
  private final ChildJvm.Running running;
  private final List<String> args;
  private final Map<String, Object> data;

  Session(
      ExerciseSpec spec, ChildJvm.Running running, List<String> args, Map<String, Object> data) {
    this.spec = spec;
    this.running = running;
    this.args = args;
    this.data = data;
  }

  /** The exercise, for its properties. */
  public ExerciseSpec spec() {
    return spec;
  }

  /** The program's arguments for this run. */
  public List<String> args() {
    return args;
  }

  /**
   * Waits until the program's standard output matches {@code regex}.
   *
   * @return the match, or empty when the program ended or the time ran out first
   */
  public Optional<Matcher> awaitOutput(String regex, Duration timeout) throws InterruptedException {
    return Optional.ofNullable(running.awaitOutput(Pattern.compile(regex), timeout));
  }

  /** Whether the program is still running. */
  public boolean alive() {
    return running.alive();
  }

  /** Keeps a measurement for {@link Run#data(String)}. */
  public void put(String key, Object value) {
    data.put(key, value);
  }
}
