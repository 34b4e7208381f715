package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Main;
import dev.workshop.cli.TerminalInfo;
import dev.workshop.cli.Workshop;
import dev.workshop.cli.WorkshopException;
import dev.workshop.cli.menu.Menu;
import dev.workshop.cli.watch.Watch;
import dev.workshop.exercises.Exercise;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code workshop watch [DIR]}: checks DIR each time it is saved, as {@code workshop verify DIR}
 * would (the same command runs, in this process: the same verdict, the same progress), and reads
 * keys meanwhile. See {@link Watch}.
 */
public final class WatchCommand extends WorkshopSubcommand {
  private final PositionalParamSpec dirParameter =
      PositionalParamSpec.builder()
          .index("0")
          .arity("0..1")
          .paramLabel("DIR")
          .type(Path.class)
          .defaultValue("myaddon")
          .description("The folder with your solution. Default: ${DEFAULT-VALUE}")
          .build();

  @Override
  CommandSpec model() {
    return command(
            "watch",
            "Check your solution each time you save it.",
            "Leave it running in a second terminal. Each time you save a .java file in",
            "DIR, the screen is cleared and DIR is checked as 'verify DIR' checks it",
            "(a check still running is cancelled first). Keys: h a hint, n the next",
            "exercise after a PASS (its starter files go into DIR), r check again,",
            "q quit. Exit codes: 0 q, 2 DIR is not a folder, 3 not in a terminal,",
            "130 Ctrl-C.")
        .addPositional(dirParameter);
  }

  @Override
  public Integer call() {
    Path dir = dirParameter.getValue();
    Workshop w = workshop();
    String app = w.appName();
    if (!w.terminal().interactive()) {
      throw WorkshopException.refused(
          "watch needs a terminal: it redraws the screen and reads your keys. In a script,"
              + " use '"
              + app
              + " verify "
              + dir
              + "' instead.");
    }
    if (!Files.isDirectory(dir)) {
      throw WorkshopException.usage(
          (Files.exists(dir) ? dir + " is a file, not a folder" : dir + " does not exist")
              + ". Give the folder that holds your solution; '"
              + app
              + " scaffold "
              + dir
              + "' makes one.");
    }
    Terminal terminal;
    try {
      terminal = dev.workshop.cli.ConsoleSetup.systemTerminal().build();
    } catch (IOException e) {
      throw new WorkshopException(
          ExitCode.ERROR,
          "cannot open the terminal to watch "
              + dir
              + ": "
              + e.getMessage()
              + ". Use '"
              + app
              + " verify "
              + dir
              + "' instead.",
          e);
    }
    try {
      boolean color = color();
      Watch.Commands commands =
          new Watch.Commands() {
            @Override
            public int run(PrintWriter out, PrintWriter err, String... args) {
              // The real command line, in this process: a terminal as wide as it is now, whose keys
              // are the watch's (the command never reads them).
              TerminalInfo info =
                  new TerminalInfo(
                      true,
                      false,
                      terminal.getWidth() > 0 ? terminal.getWidth() : TerminalInfo.DEFAULT_COLUMNS,
                      terminal.getHeight() > 0 ? terminal.getHeight() : TerminalInfo.DEFAULT_ROWS,
                      color);
              return new Main(out, err, InputStream.nullInputStream(), w.env(), info).run(args);
            }

            @Override
            public String currentExercise() {
              Exercise current =
                  new Workshop(
                          w.out(),
                          w.err(),
                          InputStream.nullInputStream(),
                          w.env(),
                          w.terminal(),
                          app)
                      .currentExercise();
              return current.number() + ". " + current.title();
            }
          };
      return new Watch(terminal, out(), w.err(), dir, app, color, commands).run();
    } catch (IOException e) {
      throw new WorkshopException(
          ExitCode.ERROR,
          "cannot watch "
              + dir
              + ": "
              + e.getMessage()
              + ". Use '"
              + app
              + " verify "
              + dir
              + "' instead.",
          e);
    } finally {
      Menu.closeQuietly(terminal);
    }
  }
}
