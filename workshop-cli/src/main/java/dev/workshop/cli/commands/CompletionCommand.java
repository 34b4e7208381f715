package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a completion script for bash or zsh.",
        "bash: source <(workshop completion)",
        "zsh:  source <(workshop completion zsh)"})
public final class CompletionCommand extends WorkshopSubcommand {
  /** The shells the script works in. picocli writes one script for both; zsh runs it through bashcompinit. */
  enum Shell { bash, zsh }

  @Parameters(arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
      description = "bash or zsh. Default: ${DEFAULT-VALUE}")
  Shell shell;

  @Override
  public Integer call() {
    if (shell == Shell.zsh) {
      // What picocli's script asks zsh users to run first, so that the one line above is enough.
      out().println("autoload -U +X compinit && compinit");
      out().println("autoload -U +X bashcompinit && bashcompinit");
    }
    out().print(AutoComplete.bash(workshop().appName(), spec.root().commandLine()));
    out().flush();
    return ExitCode.OK;
  }
}
