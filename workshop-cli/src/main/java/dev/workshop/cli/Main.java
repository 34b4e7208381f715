package dev.workshop.cli;

import dev.workshop.cli.commands.WorkshopSubcommand;
import dev.workshop.cli.render.WrappingWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point. It takes its streams and environment, so the whole command line runs in-process
 * in tests: {@code new Main(out, err, in, env, TerminalInfo.plain()).run("list")}.
 */
public final class Main {
  static {
    // picocli registers converters for java.time and java.sql types through reflection, which
    // loads and initialises both (about 10 ms of every start-up). No option here takes such a
    // type; a command that ever does can still register its converter itself.
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
    }
  }

  private final Workshop workshop;
  private final List<WrappingWriter> wrappers = new java.util.ArrayList<>();

  /**
   * On a terminal, lines wider than it are broken at spaces (see {@link WrappingWriter}): the
   * terminal itself would cut them in the middle of a word.
   */
  public Main(
      PrintWriter out,
      PrintWriter err,
      InputStream in,
      Map<String, String> env,
      TerminalInfo terminal) {
    this.workshop =
        new Workshop(
            wrapped(out, terminal),
            wrapped(err, terminal),
            in,
            env,
            terminal,
            System.getProperty("workshop.app", "workshop"));
  }

  private PrintWriter wrapped(PrintWriter writer, TerminalInfo terminal) {
    if (!terminal.stdoutIsTerminal()) {
      return writer;
    }
    WrappingWriter wrapper = new WrappingWriter(writer, terminal.columns());
    wrappers.add(wrapper);
    return new PrintWriter(wrapper, true);
  }

  public static void main(String[] args) {
    String training = System.getProperty("workshop.train");
    if (training != null) {
      System.exit(train(training.equals("verify")));
    }
    Map<String, String> env = System.getenv();
    TerminalInfo terminal = ConsoleSetup.terminal(env); // first: it may install Jansi on System.out
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int status = new Main(out, err, System.in, env, terminal).run(args);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /**
   * Runs the everyday commands once, quietly, in a throw-away home. The launcher does this once per
   * JDK while it records the class-data archive, so that the archive holds what a real run loads.
   * {@code verify} and {@code run} get an archive of their own, which also holds the compiler: in
   * the everyday one, its thousands of classes would slow every other command's start.
   */
  static int train(boolean verify) {
    try {
      java.nio.file.Path home = java.nio.file.Files.createTempDirectory("workshop-train");
      try {
        // The verify records the class-data archive of the solutions' JVM too, in the real
        // cache, so that the learner's first verify starts fast.
        Path cache = dev.workshop.cli.verify.Solutions.cacheDirectory(System.getenv());
        Map<String, String> env =
            Map.of(
                "WORKSHOP_HOME",
                home.toString(),
                "WORKSHOP_PAGER",
                "cat",
                "WORKSHOP_CACHE",
                cache.toString());
        TerminalInfo terminal = new TerminalInfo(true, false, 80, 24, true);
        String myaddon = home.resolve("myaddon").toString();
        String[][] commands =
            verify
                ? new String[][] {
                  {"select", "2"}, {"scaffold", myaddon}, {"verify", myaddon}, {"run", myaddon}
                }
                : new String[][] {
                  {"help"},
                  {"list"},
                  {"current"},
                  {"select", "1"},
                  {"print"},
                  {"print", "2", "--no-color"},
                  {"more"},
                  {"hint"},
                  {"scaffold", myaddon},
                  {"solution"},
                  {"nosuchcommand"},
                  {"--version"}
                };
        for (String[] command : commands) {
          PrintWriter sink = new PrintWriter(java.io.OutputStream.nullOutputStream());
          new Main(sink, sink, InputStream.nullInputStream(), env, terminal).run(command);
        }
      } finally {
        org.apache.commons.io.FileUtils.deleteQuietly(home.toFile());
      }
      return ExitCode.OK;
    } catch (java.io.IOException e) {
      return ExitCode.ERROR;
    }
  }

  /** Runs one command line and returns its exit code (see {@link ExitCode}). */
  public int run(String... args) {
    if (Arrays.asList(args).contains("--no-color")) {
      workshop.disableColor(); // before parsing, so that help and parse errors honour it too
    }
    String wanted = firstCommandName(args);
    if ("completion".equals(wanted)) {
      wrappers.forEach(w -> w.setEnabled(false)); // a script: each line must stay whole
    }
    if (wanted != null && !WorkshopCommand.SUBCOMMANDS.contains(wanted)) {
      // Before picocli sees it: with --help after it, picocli would print the root's help and exit
      // 0.
      workshop
          .err()
          .println(Style.failure(workshop.terminal().color(), "error: ") + unknownCommand(wanted));
      workshop.err().flush();
      return ExitCode.USAGE;
    }
    WorkshopCommand root = new WorkshopCommand(workshop);
    CommandLine commandLine = new CommandLine(root.describe());
    boolean all = needsEverySubcommand(wanted, args);
    for (String name : WorkshopCommand.SUBCOMMANDS) {
      if (all || name.equals(wanted)) {
        Object command = WorkshopCommand.create(name);
        CommandSpec model =
            command instanceof WorkshopSubcommand subcommand ? subcommand.describe(root) : null;
        commandLine.addSubcommand(name, model != null ? model : command);
      }
    }
    // --version belongs to 'workshop' itself: on a subcommand, picocli's standard -V would print
    // nothing.
    for (CommandLine subcommand : commandLine.getSubcommands().values()) {
      OptionSpec version = subcommand.getCommandSpec().findOption("--version");
      if (version != null && version.versionHelp()) {
        subcommand.getCommandSpec().remove(version);
      }
    }
    commandLine
        .setOut(workshop.out())
        .setErr(workshop.err())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, root))
        .setParameterExceptionHandler(this::handleUsage);
    commandLine.setColorScheme(
        Help.defaultColorScheme(workshop.terminal().color() ? Help.Ansi.ON : Help.Ansi.OFF));
    // Help fills the terminal, within picocli's limits (at least 55 columns) and ours (at most
    // 100).
    commandLine.setUsageHelpWidth(Math.max(55, Math.min(100, workshop.terminal().columns())));
    int status = commandLine.execute(args);
    workshop.out().flush();
    workshop.err().flush();
    return status;
  }

  // The first word that is not an option. The root's options take no values, so this is the
  // command.
  private static String firstCommandName(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return null;
  }

  // Help, completion, the menu (its HELP row) and suggestions for a mistyped command list them all.
  private boolean needsEverySubcommand(String wanted, String[] args) {
    if (wanted == null) {
      List<String> words = Arrays.asList(args);
      return workshop.terminal().interactive() || words.contains("-h") || words.contains("--help");
    }
    return !WorkshopCommand.SUBCOMMANDS.contains(wanted)
        || List.of("menu", "help", "completion").contains(wanted);
  }

  private int handle(Exception e, WorkshopCommand root) {
    PrintWriter err = workshop.err();
    boolean color = workshop.terminal().color();
    if (e instanceof WorkshopException problem) {
      err.println(Style.failure(color, "error: ") + problem.getMessage());
      if (root.isVerbose() && problem.getCause() != null) {
        problem.getCause().printStackTrace(err);
      }
      return problem.exitCode();
    }
    err.println(
        Style.failure(color, "error: ")
            + "something went wrong inside the workshop: "
            + e
            + (root.isVerbose() ? "" : ". Run again with --verbose to see where."));
    if (root.isVerbose()) {
      e.printStackTrace(err);
    }
    return ExitCode.ERROR;
  }

  /**
   * A mistake on the command line: one line on stderr, saying what was wrong and what to type to
   * learn more. picocli's own wording is kept where it is already clear ("Missing required
   * parameter: 'DIR'"), and replaced where it is not ("Unmatched argument at index 0").
   */
  private int handleUsage(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    String message;
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String word = unmatched.getUnmatched().get(0);
      boolean isCommand =
          cmd.getCommandSpec().parent() == null
              && !word.startsWith("-")
              && firstCommandName(args) != null
              && firstCommandName(args).equals(word);
      if (isCommand) {
        message = unknownCommand(word);
      } else {
        List<String> suggestions = unmatched.getSuggestions();
        String what =
            word.startsWith("-")
                ? "unknown option '" + word + "'"
                : "unexpected argument '" + word + "'";
        message =
            what
                + " for '"
                + name
                + "'"
                + (suggestions.isEmpty() ? "." : "; did you mean " + suggestions.get(0) + "?")
                + " Run '"
                + name
                + " --help' to see what it takes.";
      }
    } else {
      String text =
          e.getMessage() == null ? "the command line is not right" : e.getMessage().strip();
      message =
          text
              + (text.endsWith(".") ? "" : ".")
              + " Run '"
              + name
              + " --help' to see what it takes.";
    }
    err.println(Style.failure(workshop.terminal().color(), "error: ") + message);
    return ExitCode.USAGE;
  }

  /** What to say of a word that is no command: the closest command, if one is close, and where to see them all. */
  private String unknownCommand(String word) {
    String app = workshop.appName();
    String close = closestCommand(word);
    return "'"
        + word
        + "' is not a "
        + app
        + " command"
        + (close == null ? "." : "; did you mean '" + app + " " + close + "'?")
        + " Run '"
        + app
        + " help' to see them all.";
  }

  /** The command a mistyped word most likely meant, if one is close enough to say so. */
  static String closestCommand(String word) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String command : WorkshopCommand.SUBCOMMANDS) {
      int distance =
          command.startsWith(word.toLowerCase(java.util.Locale.ROOT))
              ? 0
              : Workshop.distance(word.toLowerCase(java.util.Locale.ROOT), command);
      if (distance < bestDistance) {
        best = command;
        bestDistance = distance;
      }
    }
    return bestDistance <= (word.length() <= 3 ? 1 : 2) ? best : null;
  }
}
