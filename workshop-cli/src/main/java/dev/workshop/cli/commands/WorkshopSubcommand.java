package dev.workshop.cli.commands;

import dev.workshop.cli.Style;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.WorkshopCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the workshop context, its output streams, and the helpers that
 * describe a command to picocli.
 *
 * <p>Commands describe themselves with picocli's programmatic API ({@link #model()}) rather than
 * its annotations: reading annotations makes the JDK generate a proxy class for each annotation
 * type, and that alone cost about a quarter of every {@code workshop print}. A command that still
 * uses annotations (it returns no model) works too, through {@code @ParentCommand} and
 * {@code @Spec} below.
 */
public abstract class WorkshopSubcommand implements Callable<Integer> {
  @ParentCommand WorkshopCommand root;
  @Spec CommandSpec spec;

  /** This command's picocli model, or {@code null} when its class is described with annotations. */
  CommandSpec model() {
    return null;
  }

  /** Attaches this command to {@code root} and returns its model ({@code null}: read the annotations). */
  public final CommandSpec describe(WorkshopCommand root) {
    this.root = root;
    CommandSpec model = model();
    if (model != null) {
      this.spec = model;
    }
    return model;
  }

  Workshop workshop() {
    return root.workshop();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  boolean color() {
    return workshop().terminal().color();
  }

  /** A command the learner can type, in the command colour: {@code cmd("hint")} is "workshop hint". */
  String cmd(String arguments) {
    return Style.command(
        color(), workshop().appName() + (arguments.isEmpty() ? "" : " " + arguments));
  }

  /** A new model for this command: its name, what it does (one line per element), and -h/--help. */
  final CommandSpec command(String name, String... description) {
    CommandSpec model = CommandSpec.wrapWithoutInspection(this);
    model.name(name);
    model.usageMessage().description(description);
    model.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    return model;
  }

  /** An option that is on or off. */
  static OptionSpec flag(String description, String... names) {
    return OptionSpec.builder(names)
        .type(boolean.class)
        .arity("0")
        .description(description)
        .build();
  }

  /** The optional EXERCISE parameter: a number or a title. */
  static PositionalParamSpec exerciseParameter(String description) {
    return PositionalParamSpec.builder()
        .index("0")
        .arity("0..1")
        .paramLabel("EXERCISE")
        .type(String.class)
        .description(description)
        .completionCandidates(exerciseCandidates())
        .build();
  }

  /**
   * What completion offers for an EXERCISE: every exercise's number, then its name as one word
   * ({@code call-me-maybe}), which {@code select} and the others accept as well as the title. The
   * catalogue is read only when the candidates are (a completion script is written), not when a
   * command is merely described.
   */
  static Iterable<String> exerciseCandidates() {
    return () -> {
      java.util.List<dev.workshop.exercises.Exercise> all =
          dev.workshop.exercises.Catalogue.load().exercises();
      return java.util.stream.Stream.concat(
              all.stream().map(e -> String.valueOf(e.number())), all.stream().map(e -> e.id()))
          .iterator();
    };
  }

  static boolean isSet(OptionSpec flag) {
    return Boolean.TRUE.equals(flag.getValue());
  }
}
