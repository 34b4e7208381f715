package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a completion script for bash or zsh.",
        "bash: source <(workshop completion)",
        "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(workshop completion)"})
public final class CompletionCommand extends WorkshopSubcommand {

  @Override
  public Integer call() {
    out().print(AutoComplete.bash(workshop().appName(), spec.root().commandLine()));
    out().flush();
    return ExitCode.OK;
  }
}
