package dev.workshop.cli.render;

import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Shows long text through a pager, chosen the way git chooses its own. */
public final class Pager {

  private static final String DEFAULT_COMMAND = "less -R";
  private static final int STOP_ATTEMPTS = 20;

  private static final Pager NONE = new Pager(null, Map.of(), null);

  /** Exit status of a shell whose command was not found (126: found but not executable). */
  private static final int NOT_FOUND = 127;

  private static final int NOT_EXECUTABLE = 126;

  /** Words that the shell runs itself: a pager command starting with one is the shell's to judge. */
  private static final java.util.Set<String> SHELL_WORDS =
      java.util.Set.of(
          "exec", "command", "eval", "if", "for", "while", "until", "case", "time", "!");

  private final String command;
  private final Map<String, String> environment;
  private final String path;

  private Pager(String command, Map<String, String> environment, String path) {
    this.command = command;
    this.environment = Map.copyOf(environment);
    this.path = path;
  }

  /**
   * No pager when standard output is not a terminal, when {@code noPager} is set, when the pager
   * command is empty or {@code cat}, or where there is no POSIX {@code sh} to run it (Windows, or
   * {@code -Dworkshop.portable=true}: {@link dev.workshop.probe.Portable#posixShell()}). The command is {@code WORKSHOP_PAGER} if set, else {@code PAGER}
   * if set, else {@code less -R} if {@code less} is on the {@code PATH}.
   */
  public static Pager choose(Map<String, String> env, boolean stdoutIsTerminal, boolean noPager) {
    if (!stdoutIsTerminal || noPager || !dev.workshop.probe.Portable.posixShell()) {
      return NONE;
    }
    String command =
        Optional.ofNullable(env.get("WORKSHOP_PAGER"))
            .or(() -> Optional.ofNullable(env.get("PAGER")))
            .orElseGet(() -> lessOnPath(env.get("PATH")) ? DEFAULT_COMMAND : "")
            .strip();
    if (command.isEmpty() || command.equals("cat")) {
      return NONE;
    }
    Map<String, String> pagerEnvironment = new LinkedHashMap<>();
    if (!env.containsKey("LESS")) {
      pagerEnvironment.put("LESS", "FRX");
    }
    if (!env.containsKey("LV")) {
      pagerEnvironment.put("LV", "-c");
    }
    return new Pager(command, pagerEnvironment, env.get("PATH"));
  }

  /** The shell command run as pager, empty when text goes straight to the output. */
  public Optional<String> command() {
    return Optional.ofNullable(command);
  }

  /** Variables added to the pager's environment. */
  public Map<String, String> environment() {
    return environment;
  }

  /** As {@link #show(String, int, PrintWriter, Consumer)}, with problems unreported. */
  public void show(String text, int terminalRows, PrintWriter fallbackOut) {
    show(text, terminalRows, fallbackOut, problem -> {});
  }

  /**
   * Prints {@code text} to {@code fallbackOut} when there is no pager, when it has fewer lines than
   * {@code terminalRows} or when the pager cannot be started (then {@code warnings} hears why: the
   * text is never lost to a mistyped pager); otherwise pipes it to the pager and waits until the
   * user quits it. Ctrl-C while the pager runs belongs to the pager, as in git: it does not end the
   * workshop and leave the pager behind, fighting the shell for the terminal.
   */
  public void show(
      String text, int terminalRows, PrintWriter fallbackOut, Consumer<String> warnings) {
    if (command == null || lineCount(text) < terminalRows) {
      print(text, fallbackOut);
      return;
    }
    String program = program(command);
    if (program != null && !found(program, path)) {
      warnings.accept(
          "the pager '"
              + program
              + "' was not found, so the text is printed without it."
              + " Set WORKSHOP_PAGER to a pager you have (or to cat), or use --no-pager.");
      print(text, fallbackOut);
      return;
    }
    // The pager writes straight to the terminal: whatever is still buffered must get there first.
    fallbackOut.flush();
    Process pager;
    Interrupts interrupts = Interrupts.ignore();
    try {
      // sh waits for the pager even when Ctrl-C reaches it; the pager itself gets Ctrl-C as usual.
      ProcessBuilder builder =
          new ProcessBuilder("sh", "-c", "trap : INT; " + command)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().putAll(environment);
      pager = builder.start();
    } catch (IOException cannotStart) {
      interrupts.restore();
      warnings.accept(
          "the pager could not be started ("
              + cannotStart.getMessage()
              + "), so the text is printed without it.");
      print(text, fallbackOut);
      return;
    }
    boolean interrupted = false;
    int status = 0;
    try {
      feed(pager, text);
      status = pager.waitFor();
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      stop(pager);
      interrupts.restore();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (!interrupted && (status == NOT_FOUND || status == NOT_EXECUTABLE)) {
      warnings.accept(
          "the pager '"
              + command
              + "' could not run (exit "
              + status
              + "), so the text is printed without it."
              + " Set WORKSHOP_PAGER to a pager you have (or to cat), or use --no-pager.");
      print(text, fallbackOut);
    }
  }

  /**
   * The program a pager command starts, when it can be told without a shell: the first word after
   * any {@code NAME=value} settings. {@code null} when the command uses shell syntax there.
   */
  static String program(String command) {
    for (String word : command.strip().split("\\s+")) {
      if (word.matches("[A-Za-z_][A-Za-z0-9_]*=\\S*")) {
        continue;
      }
      boolean plainWord = word.matches("[A-Za-z0-9_./+-]+");
      return plainWord && !SHELL_WORDS.contains(word) ? word : null;
    }
    return null;
  }

  /** Whether {@code program} names an executable file, directly or on {@code path}. */
  static boolean found(String program, String path) {
    if (program.contains("/")) {
      return isExecutableFile(program, null);
    }
    if (path == null) {
      return true; // no PATH to search: let the shell decide
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty() && isExecutableFile(program, directory)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isExecutableFile(String program, String directory) {
    try {
      Path file = directory == null ? Path.of(program) : Path.of(directory, program);
      return Files.isRegularFile(file) && Files.isExecutable(file);
    } catch (InvalidPathException notAPath) {
      return false;
    }
  }

  /**
   * Ends the pager if it still runs. Ending sh alone would orphan the pager it started as a child,
   * and sh may start another child once one ends, so children are ended until sh ends by itself.
   */
  private static void stop(Process pager) {
    try {
      for (int attempt = 0; attempt < STOP_ATTEMPTS && pager.isAlive(); attempt++) {
        pager.descendants().forEach(ProcessHandle::destroy);
        pager.waitFor(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (pager.isAlive()) {
      pager.descendants().forEach(ProcessHandle::destroyForcibly);
      pager.destroyForcibly();
    }
  }

  private static void feed(Process pager, String text) {
    try (Writer input = new OutputStreamWriter(pager.getOutputStream(), terminalCharset())) {
      input.write(text);
    } catch (IOException brokenPipe) {
      // The user quit the pager before it read everything, or it never started reading.
    }
  }

  private static void print(String text, PrintWriter out) {
    out.print(text);
    out.flush();
  }

  private static int lineCount(String text) {
    int lines = (int) text.chars().filter(c -> c == '\n').count();
    return text.isEmpty() || text.endsWith("\n") ? lines : lines + 1;
  }

  private static boolean lessOnPath(String path) {
    return path != null && found("less", path);
  }

  /** The charset of the terminal: since JDK 18 the default charset is UTF-8 whatever the locale says. */
  private static Charset terminalCharset() {
    for (String property : new String[] {"stdout.encoding", "native.encoding"}) {
      String name = System.getProperty(property);
      if (name != null && Charset.isSupported(name)) {
        return Charset.forName(name);
      }
    }
    return Charset.defaultCharset();
  }
}
