package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Exercise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class CompletionCommand extends WorkshopSubcommand {
  /**
   * The shells the script works in. picocli writes one script for bash and zsh; zsh runs it
   * through bashcompinit. fish gets its own, written here from the same picocli model.
   */
  enum Shell {
    bash,
    zsh,
    fish
  }

  private final PositionalParamSpec shellParameter =
      PositionalParamSpec.builder()
          .index("0")
          .arity("0..1")
          .paramLabel("SHELL")
          .type(Shell.class)
          .defaultValue("bash")
          .description("bash, zsh or fish. Default: ${DEFAULT-VALUE}")
          .build();

  @Override
  CommandSpec model() {
    return command(
            "completion",
            "Print a completion script for bash, zsh or fish.",
            "bash: source <(workshop completion)",
            "zsh:  source <(workshop completion zsh)",
            "fish: workshop completion fish > ~/.config/fish/completions/workshop.fish")
        .addPositional(shellParameter);
  }

  @Override
  public Integer call() {
    Shell shell = shellParameter.getValue();
    if (shell == Shell.fish) {
      Map<String, String> exercises = new HashMap<>();
      for (Exercise e : workshop().catalogue().exercises()) {
        exercises.put(String.valueOf(e.number()), e.title());
        exercises.put(e.id(), e.number() + ". " + e.title());
      }
      out().print(fish(workshop().appName(), spec.root(), exercises));
      out().flush();
      return ExitCode.OK;
    }
    if (shell == Shell.zsh) {
      // What picocli's script asks zsh users to run first, so that the one line above is enough.
      out().println("autoload -U +X compinit && compinit");
      out().println("autoload -U +X bashcompinit && bashcompinit");
    }
    out().print(AutoComplete.bash(workshop().appName(), spec.root().commandLine()));
    out().flush();
    return ExitCode.OK;
  }

  /**
   * A fish completion script for {@code app}, from picocli's model of its commands: the
   * subcommands where a subcommand goes, then each subcommand's options and what its parameter
   * takes (its completion candidates, a file for a {@link Path}, nothing else otherwise). The
   * {@code help} command is offered the other commands' names.
   *
   * @param descriptions what to show beside a candidate (an exercise's title beside its number), if anything
   */
  static String fish(String app, CommandSpec root, Map<String, String> descriptions) {
    StringBuilder script = new StringBuilder();
    String c = "complete -c " + quote(app);
    script
        .append("# fish completion for ")
        .append(app)
        .append(", written by '")
        .append(app)
        .append(" completion fish'.\n")
        .append("# Keep it: ")
        .append(app)
        .append(" completion fish > ~/.config/fish/completions/")
        .append(app)
        .append(".fish\n")
        .append(c)
        .append(" -e\n");
    String top = " -n __fish_use_subcommand";
    script.append(c).append(top).append(" -f\n");
    for (OptionSpec option : root.options()) {
      if (!option.hidden()) script.append(c).append(top).append(option(option)).append('\n');
    }
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, CommandLine> entry : root.subcommands().entrySet()) {
      CommandSpec sub = entry.getValue().getCommandSpec();
      if (sub.usageMessage().hidden() || !entry.getKey().equals(sub.name()))
        continue; // aliases come with the name
      names.add(sub.name());
      script
          .append(c)
          .append(top)
          .append(" -a ")
          .append(quote(sub.name()))
          .append(" -d ")
          .append(quote(summary(sub)))
          .append('\n');
    }
    for (String name : names) {
      CommandSpec sub = root.subcommands().get(name).getCommandSpec();
      List<String> words = new ArrayList<>(List.of(sub.aliases()));
      words.add(0, name);
      String when = " -n " + quote("__fish_seen_subcommand_from " + String.join(" ", words));
      boolean files = false;
      for (PositionalParamSpec positional : sub.positionalParameters()) {
        if (positional.hidden()) continue;
        Iterable<String> candidates = positional.completionCandidates();
        if (sub.helpCommand() && candidates == null) candidates = names;
        if (candidates != null) {
          for (String candidate : candidates) {
            String description = descriptions.getOrDefault(candidate, "");
            script
                .append(c)
                .append(when)
                .append(" -f -a ")
                .append(quote(candidate))
                .append(description.isEmpty() ? "" : " -d " + quote(description))
                .append('\n');
          }
        } else if (Path.class.equals(positional.type())
            || java.io.File.class.equals(positional.type())) {
          files = true;
        }
      }
      if (!files) script.append(c).append(when).append(" -f\n");
      for (OptionSpec option : sub.options()) {
        if (!option.hidden()) script.append(c).append(when).append(option(option)).append('\n');
      }
    }
    return script.toString();
  }

  // One option's names, whether it takes a value (and which), and its description.
  private static String option(OptionSpec option) {
    StringBuilder line = new StringBuilder();
    for (String name : option.names()) {
      if (name.startsWith("--")) line.append(" -l ").append(quote(name.substring(2)));
      else if (name.length() == 2) line.append(" -s ").append(quote(name.substring(1)));
      else line.append(" -o ").append(quote(name.substring(1)));
    }
    if (option.arity().max() > 0) {
      line.append(" -r");
      if (option.completionCandidates() != null) {
        List<String> values = new ArrayList<>();
        option.completionCandidates().forEach(values::add);
        line.append(" -f -a ").append(quote(String.join(" ", values)));
      }
    }
    String[] description = option.description();
    if (description.length > 0 && !description[0].isBlank())
      line.append(" -d ").append(quote(plain(description[0])));
    return line.toString();
  }

  // A command's header (help's own), else the first line of its description, without styles.
  private static String summary(CommandSpec command) {
    String[] lines = command.usageMessage().header();
    if (lines.length == 0 || lines[0].isBlank()) lines = command.usageMessage().description();
    return lines.length == 0 ? "" : plain(lines[0].replace("%n", " "));
  }

  // picocli's markup (@|bold text|@) without its styles.
  private static String plain(String text) {
    return text.replaceAll("@\\|\\S+ (.*?)\\|@", "$1").strip();
  }

  // A word in fish's single quotes, where only \ and ' are special.
  private static String quote(String word) {
    return "'" + word.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
