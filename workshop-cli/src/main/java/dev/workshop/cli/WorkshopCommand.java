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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ScopeType;

/** The {@code workshop} command itself. With no subcommand it opens the menu. */
@Command(
    name = "workshop",
    versionProvider = Version.class,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "@|bold Processes, threads and the event loop|@, one exercise at a time.",
    description = "Learn how Node.js and libuv really run your code (one loop thread, a pool of worker threads, "
        + "child processes) by building it in Java. Run it with no command to open the menu.",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%n",
    footer = {
      "@|bold Start here:|@ @|cyan workshop|@ (the menu), then @|cyan workshop scaffold|@ and @|cyan workshop verify myaddon|@.",
      "",
      "@|bold Exit codes:|@ 0 ok or PASS, 1 FAIL, 2 usage error, 3 refused, 4 internal or file error, 130 Ctrl-C.",
      "@|bold Progress:|@ in $WORKSHOP_HOME, else $XDG_CONFIG_HOME/workshop, else ~/.config/workshop.",
      "More: docs/user-guide.md"
    },
    synopsisSubcommandLabel = "[COMMAND]")
public final class WorkshopCommand implements Callable<Integer> {
  /**
   * Every subcommand, in the order help lists them. Building picocli's model of a command costs
   * start-up time, so {@link Main} registers only the one being run unless all are needed. The
   * names are spelled out, not read from the annotations, for the same reason.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("menu", MenuCommand.class);
    SUBCOMMANDS.put("list", ListCommand.class);
    SUBCOMMANDS.put("current", CurrentCommand.class);
    SUBCOMMANDS.put("select", SelectCommand.class);
    SUBCOMMANDS.put("next", NextCommand.class);
    SUBCOMMANDS.put("print", PrintCommand.class);
    SUBCOMMANDS.put("more", MoreCommand.class);
    SUBCOMMANDS.put("hint", HintCommand.class);
    SUBCOMMANDS.put("scaffold", ScaffoldCommand.class);
    SUBCOMMANDS.put("run", RunCommand.class);
    SUBCOMMANDS.put("verify", VerifyCommand.class);
    SUBCOMMANDS.put("solution", SolutionCommand.class);
    SUBCOMMANDS.put("reset", ResetCommand.class);
    SUBCOMMANDS.put("completion", CompletionCommand.class);
    SUBCOMMANDS.put("help", HelpCommand.class);
  }

  private final Workshop workshop;
  private boolean verbose;
  @Spec CommandSpec spec;

  public WorkshopCommand(Workshop workshop) {
    this.workshop = workshop;
  }

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Plain text: no colour. NO_COLOR=1 does the same.")
  void noColor(boolean noColor) {
    if (noColor) {
      workshop.disableColor();
    }
  }

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces when something goes wrong.")
  void verbose(boolean verbose) {
    this.verbose = verbose;
  }

  public boolean isVerbose() {
    return verbose;
  }

  public Workshop workshop() {
    return workshop;
  }

  @Override
  public Integer call() {
    return new MenuCommand().open(workshop, () -> spec.commandLine().usage(spec.commandLine().getOut()));
  }
}
