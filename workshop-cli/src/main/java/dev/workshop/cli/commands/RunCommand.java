package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.WorkshopException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Verification is being built.")
public final class RunCommand extends WorkshopSubcommand {
  @Parameters(paramLabel = "DIR", description = "The folder with your solution, e.g. myaddon.")
  Path dir;

  @Override
  public Integer call() {
    throw new WorkshopException(ExitCode.ERROR, "run is not available yet.");
  }
}
