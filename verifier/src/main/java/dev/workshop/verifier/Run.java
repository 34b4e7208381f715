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

  /**
   * A run as it was recorded: for a test of a verification class, which judges a report recorded
   * once from a real run ({@link ProbeReport#parse}) without starting a JVM.
   *
   * @param mainClass the class the run started, as in its label: {@code Host}
   * @param args the program's arguments
   * @param processors the processor count the exercise chose for the run, or 0 when it chose none
   * @param process how the process ended, with its output
   * @param report what the probe saw
   * @param data what the exercise's {@link Verification#interact interaction} kept
   */
  public static Run recorded(
      String mainClass,
      List<String> args,
      int processors,
      ProcessRun process,
      ProbeReport report,
      Map<String, Object> data) {
    return new Run(mainClass, args, processors, process, report, Map.copyOf(data));
  }

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

  /** The class the run started: {@code Host}. */
  public String mainClass() {
    return mainClass;
  }

  /** The processor count the exercise chose for this run, or 0 when it chose none. */
  public int processors() {
    return processors;
  }

  /** The program's arguments. */
  public List<String> args() {
    return args;
  }

  public ProcessRun process() {
    return process;
  }

  public ProbeReport report() {
    return report;
  }

  /** What the probe saw of worker threads, their messages and shared memory. */
  public dev.workshop.verifier.report.WorkerEvidence workers() {
    return report.workers();
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

  /**
   * Where {@code text} was first printed as whole words and numbers, at or after character {@code
   * fromChar} of the output: {@code fired 10} is not found in {@code fired 100}, nor {@code Wait}
   * in {@code Waiting}; a capital letter starts a new word, so {@code Done!} is found in {@code
   * HashingDone!}. Empty when it was not printed, or the probe saw no write of it.
   */
  public Optional<Printed> printed(String text, int fromChar) {
    String out = stdout();
    int at = out.indexOf(text, fromChar);
    while (at >= 0 && !wholeAt(out, text, at)) at = out.indexOf(text, at + 1);
    return at < 0 ? Optional.empty() : printedAt(at);
  }

  /** Where {@code text} was first printed as whole words and numbers (see {@link #printed(String, int)}). */
  public Optional<Printed> printed(String text) {
    return printed(text, 0);
  }

  /** Where {@code line} was first printed as a whole line of the output. */
  public Optional<Printed> printedLine(String line) {
    String out = stdout();
    for (int at = out.indexOf(line); at >= 0; at = out.indexOf(line, at + 1)) {
      boolean starts = at == 0 || out.charAt(at - 1) == '\n';
      int end = at + line.length();
      boolean ends = end == out.length() || out.charAt(end) == '\n' || out.charAt(end) == '\r';
      if (starts && ends) return printedAt(at);
    }
    return Optional.empty();
  }

  private Optional<Printed> printedAt(int at) {
    long byteOffset =
        stdout().substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    return report
        .writeAt(byteOffset)
        .map(w -> new Printed(at, w.at(), w.thread(), report.callbackAt(w.at()).orElse(null)));
  }

  /** Whether {@code text} at {@code at} neither continues nor is continued by a word or number. */
  private static boolean wholeAt(String out, String text, int at) {
    if (text.isEmpty()) return true;
    int end = at + text.length();
    return !(at > 0 && continues(out.charAt(at - 1), text.charAt(0)))
        && !(end < out.length() && continues(text.charAt(text.length() - 1), out.charAt(end)));
  }

  /** Whether {@code next} continues the word or number that {@code before} ends. */
  private static boolean continues(char before, char next) {
    if (Character.isDigit(before) && Character.isDigit(next)) return true;
    return Character.isLetter(before) && Character.isLetter(next) && !Character.isUpperCase(next);
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
