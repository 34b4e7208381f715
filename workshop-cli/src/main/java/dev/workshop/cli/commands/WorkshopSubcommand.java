package dev.workshop.cli.commands;

import dev.workshop.cli.Style;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.WorkshopCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the workshop context and its output streams. */
abstract class WorkshopSubcommand implements Callable<Integer> {
  @ParentCommand WorkshopCommand root;
  @Spec CommandSpec spec;

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
    return Style.command(color(), workshop().appName() + (arguments.isEmpty() ? "" : " " + arguments));
  }
}
