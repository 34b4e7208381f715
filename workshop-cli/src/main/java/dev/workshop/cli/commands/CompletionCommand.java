package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class CompletionCommand extends WorkshopSubcommand {
  /** The shells the script works in. picocli writes one script for both; zsh runs it through bashcompinit. */
  enum Shell { bash, zsh }

  private final PositionalParamSpec shellParameter = PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("SHELL")
      .type(Shell.class).defaultValue("bash").description("bash or zsh. Default: ${DEFAULT-VALUE}").build();

  @Override
  CommandSpec model() {
    return command("completion", "Print a completion script for bash or zsh.",
        "bash: source <(workshop completion)", "zsh:  source <(workshop completion zsh)").addPositional(shellParameter);
  }

  @Override
  public Integer call() {
    Shell shell = shellParameter.getValue();
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
