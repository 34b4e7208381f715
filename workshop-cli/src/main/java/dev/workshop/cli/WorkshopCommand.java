package dev.workshop.cli;

import dev.workshop.cli.commands.CompletionCommand;
import dev.workshop.cli.commands.CurrentCommand;
import dev.workshop.cli.commands.HintCommand;
import dev.workshop.cli.commands.ListCommand;
import dev.workshop.cli.commands.MenuCommand;
import dev.workshop.cli.commands.MoreCommand;
import dev.workshop.cli.commands.NextCommand;
import dev.workshop.cli.commands.PrintCommand;
import dev.workshop.cli.commands.ResetCommand;
import dev.workshop.cli.commands.RunCommand;
import dev.workshop.cli.commands.ScaffoldCommand;
import dev.workshop.cli.commands.SelectCommand;
import dev.workshop.cli.commands.SolutionCommand;
import dev.workshop.cli.commands.VerifyCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The {@code workshop} command itself. With no subcommand it opens the menu.
 *
 * <p>Like the subcommands, it is described with picocli's programmatic API, not its annotations:
 * see {@link WorkshopSubcommand} for why.
 */
public final class WorkshopCommand implements Callable<Integer> {
  /** Every subcommand name, in the order help lists them. See {@link #create(String)}. */
  static final List<String> SUBCOMMANDS =
      List.of(
          "menu",
          "list",
          "current",
          "select",
          "next",
          "print",
          "more",
          "hint",
          "scaffold",
          "run",
          "verify",
          "watch",
          "solution",
          "reset",
          "completion",
          "help");

  private final Workshop workshop;
  private boolean verbose;
  private CommandSpec spec;

  public WorkshopCommand(Workshop workshop) {
    this.workshop = workshop;
  }

  /**
   * A new instance of the named subcommand. Building picocli's model of a command costs start-up
   * time, so {@link Main} creates only the one being run unless all are needed.
   */
  static Object create(String name) {
    switch (name) {
      case "menu":
        return new MenuCommand();
      case "list":
        return new ListCommand();
      case "current":
        return new CurrentCommand();
      case "select":
        return new SelectCommand();
      case "next":
        return new NextCommand();
      case "print":
        return new PrintCommand();
      case "more":
        return new MoreCommand();
      case "hint":
        return new HintCommand();
      case "scaffold":
        return new ScaffoldCommand();
      case "run":
        return new RunCommand();
      case "verify":
        return new VerifyCommand();
      case "watch":
        return new dev.workshop.cli.commands.WatchCommand();
      case "solution":
        return new SolutionCommand();
      case "reset":
        return new ResetCommand();
      case "completion":
        return new CompletionCommand();
      case "help":
        return new HelpCommand();
      default:
        throw new IllegalArgumentException("no subcommand " + name);
    }
  }

  /** picocli's model of this command, with the options every subcommand inherits. */
  public CommandSpec describe() {
    spec = CommandSpec.wrapWithoutInspection(this);
    spec.name("workshop").versionProvider(new Version());
    spec.usageMessage()
        .sortOptions(false)
        .header("@|bold Processes, threads and the event loop|@, one exercise at a time.")
        .description(
            "Learn how Node.js and libuv really run your code (one loop thread, a pool of worker threads, "
                + "child processes) by building it in Java. Run it with no command to open the menu.")
        .synopsisSubcommandLabel("[COMMAND]")
        .commandListHeading("%nCommands:%n")
        .footerHeading("%n")
        .footer(
            "@|bold Start here:|@ @|cyan workshop|@ (the menu), then @|cyan workshop scaffold|@ and @|cyan workshop verify myaddon|@.",
            "",
            "@|bold Exit codes:|@ 0 ok or PASS, 1 FAIL, 2 usage error, 3 refused, 4 internal or file error, 130 Ctrl-C.",
            "@|bold Progress:|@ in $WORKSHOP_HOME, else $XDG_CONFIG_HOME/workshop, else ~/.config/workshop.",
            "More: docs/user-guide.md");
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("--no-color")
            .type(boolean.class)
            .arity("0")
            .scopeType(ScopeType.INHERIT)
            .description("Plain text: no colour. NO_COLOR=1 does the same.")
            .setter(
                new ISetter() {
                  @Override
                  public <T> T set(T value) {
                    if (Boolean.TRUE.equals(value)) {
                      workshop.disableColor();
                    }
                    return null;
                  }
                })
            .build());
    spec.addOption(
        OptionSpec.builder("--verbose")
            .type(boolean.class)
            .arity("0")
            .scopeType(ScopeType.INHERIT)
            .description("Show stack traces when something goes wrong.")
            .setter(
                new ISetter() {
                  @Override
                  public <T> T set(T value) {
                    verbose = verbose || Boolean.TRUE.equals(value);
                    return null;
                  }
                })
            .build());
    return spec;
  }

  public boolean isVerbose() {
    return verbose;
  }

  public Workshop workshop() {
    return workshop;
  }

  @Override
  public Integer call() {
    return new MenuCommand()
        .open(workshop, () -> spec.commandLine().usage(spec.commandLine().getOut()));
  }
}
