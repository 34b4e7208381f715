package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.WorkshopException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true, description = "Verification is being built.")
public final class VerifyCommand extends WorkshopSubcommand {
  @Parameters(paramLabel = "DIR", description = "The folder with your solution, e.g. myaddon.")
  Path dir;

  @Override
  public Integer call() {
    throw new WorkshopException(ExitCode.ERROR, "verify is not available yet.");
  }
}
