package dev.workshop.verifier;

import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.report.ProbeReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One run of a solution: how the process ended, what it printed, and what the probe saw. */
public final class Run {
  private final String mainClass;
  private final List<String> args;
  private final int processors;
  private final ProcessRun process;
  private final ProbeReport report;
  private final Map<String, Object> data;

  Run(
      String mainClass,
      List<String> args,
      int processors,
      ProcessRun process,
      ProbeReport report,
      Map<String, Object> data) {
    this.mainClass = mainClass;
    this.args = List.copyOf(args);
    this.processors = processors;
    this.process = process;
    this.report = report;
    this.data = data;
  }

  /**
   * The command as a learner would type it: {@code java Host 111}; with the processor count when
   * the exercise chose it: {@code java Host cpu (as if on 6 cores)}.
   */
  public String label() {
    String command = ("java " + mainClass + " " + String.join(" ", args)).strip();
    return processors > 0 ? command + " (as if on " + processors + " cores)" : command;
  }

  public List<String> args() {
    return args;
  }

  public ProcessRun process() {
    return process;
  }

  public ProbeReport report() {
    return report;
  }

  public String stdout() {
    return process.stdout();
  }

  public String stderr() {
    return process.stderr();
  }

  /** Standard output, line by line. */
  public List<String> lines() {
    return stdout().lines().toList();
  }

  /** The rest of the first output line that starts with {@code prefix}, trimmed. */
  public Optional<String> after(String prefix) {
    return lines().stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .map(l -> l.substring(prefix.length()).strip());
  }

  /** The number that follows {@code prefix} on its output line, if there is one. */
  public Optional<Long> number(String prefix) {
    return after(prefix)
        .flatMap(
            rest -> {
              java.util.regex.Matcher m = java.util.regex.Pattern.compile("^-?\\d+").matcher(rest);
              return m.find() ? Optional.of(Long.parseLong(m.group())) : Optional.empty();
            });
  }

  /**
   * Where some text was printed: its first occurrence in standard output at or after
   * {@code fromChar}, with the moment, the thread and the loop callback that printed it.
   *
   * @param at the position of the text in {@link #stdout()}, in characters
   * @param time when it was written, in ns since the probe started
   * @param thread the thread that wrote it
   * @param callback the loop callback running then on the loop thread, or {@code null}
   */
  public record Printed(int at, long time, String thread, ProbeReport.Callback callback) {}

  /** Where {@code text} was first printed, at or after character {@code fromChar} of the output. */
  public Optional<Printed> printed(String text, int fromChar) {
    int at = stdout().indexOf(text, fromChar);
    if (at < 0) return Optional.empty();
    long byteOffset =
        stdout().substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    return report
        .writeAt(byteOffset)
        .map(w -> new Printed(at, w.at(), w.thread(), report.callbackAt(w.at()).orElse(null)));
  }

  /** Where {@code text} was first printed. */
  public Optional<Printed> printed(String text) {
    return printed(text, 0);
  }

  public int exitCode() {
    return process.exitCode();
  }

  public boolean timedOut() {
    return process.timedOut();
  }

  /** The process id of the JVM that ran the solution. */
  public long pid() {
    return process.pid();
  }

  /** A measurement that {@link Verification#interact(Session)} kept. */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> data(String key) {
    return Optional.ofNullable((T) data.get(key));
  }
}
