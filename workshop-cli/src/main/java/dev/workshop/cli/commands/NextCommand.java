package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.progress.Progress;
import dev.workshop.exercises.Exercise;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

public final class NextCommand extends WorkshopSubcommand {
  private final OptionSpec noPagerOption =
      flag("Print straight to the terminal, without less.", "--no-pager");

  @Override
  CommandSpec model() {
    return command("next", "Select the next exercise you have not completed, and print it.")
        .addOption(noPagerOption);
  }

  @Override
  public Integer call() {
    boolean noPager = isSet(noPagerOption);
    Progress progress = workshop().progress();
    Optional<Exercise> next = workshop().nextUnfinished(progress, workshop().currentExercise());
    if (next.isEmpty()) {
      out()
          .println(
              "You have completed every exercise. Well done! "
                  + cmd("list")
                  + " shows them all; "
                  + cmd("reset --all")
                  + " starts again.");
      return ExitCode.OK;
    }
    workshop().updateProgress(p -> p.withCurrent(next.get().id()));
    new LessonPrinter(workshop(), noPager).printLesson(next.get());
    return ExitCode.OK;
  }
}
