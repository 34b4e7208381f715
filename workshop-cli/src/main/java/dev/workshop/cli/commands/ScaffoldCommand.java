package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Style;
import dev.workshop.cli.WorkshopException;
import dev.workshop.cli.workspace.Workspace;
import dev.workshop.exercises.Exercise;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class ScaffoldCommand extends WorkshopSubcommand {
  private final PositionalParamSpec dirParameter =
      PositionalParamSpec.builder()
          .index("0")
          .arity("0..1")
          .paramLabel("DIR")
          .type(Path.class)
          .defaultValue("myaddon")
          .description("Where to write. Default: ${DEFAULT-VALUE}")
          .build();
  private final OptionSpec forceOption =
      flag(
          "Also replace the files you changed in this exercise (yours are kept in DIR/.done/).",
          "--force");
  private Path dir;

  @Override
  CommandSpec model() {
    return command(
            "scaffold",
            "Write the current exercise's starter files into DIR.",
            "One folder carries you through every exercise: the files of the exercise DIR held before that you",
            "changed are kept in DIR/.done/<exercise>/, and nothing you wrote is overwritten. Files you changed",
            "in this exercise are left as they are, unless you add --force (then yours are kept in .done/ too).",
            "DIR gets a pom.xml too, so it opens in an IDE with the workshop runtime on the classpath.")
        .addPositional(dirParameter)
        .addOption(forceOption);
  }

  @Override
  public Integer call() {
    dir = dirParameter.getValue();
    boolean force = isSet(forceOption);
    Exercise exercise = workshop().currentExercise();

    // DIR, or the first of its parents that exists, must be a folder: its files go inside.
    for (Path existing = dir.toAbsolutePath(); existing != null; existing = existing.getParent()) {
      if (Files.exists(existing)) {
        if (!Files.isDirectory(existing)) {
          throw WorkshopException.usage(
              (existing.equals(dir.toAbsolutePath()) ? dir.toString() : existing.toString())
                  + " is a file, not a folder. Name a folder, e.g. '"
                  + workshop().appName()
                  + " scaffold myaddon'.");
        }
        break;
      }
    }
    Workspace.Outcome outcome;
    try {
      outcome = new Workspace(workshop().catalogue().exercises(), dir).scaffold(exercise, force);
    } catch (IOException e) {
      throw new WorkshopException(
          ExitCode.ERROR,
          "cannot write the starter files into "
              + dir
              + ": "
              + e.getMessage()
              + ". Your files are where they were, or in "
              + dir.resolve(Workspace.DONE)
              + "/. Check that you can write"
              + " there, or pick another folder.",
          e);
    }

    PrintWriter out = out();
    boolean color = color();
    out.println(
        "Starter files for "
            + exercise.number()
            + ". "
            + exercise.title()
            + " are in "
            + dir
            + "/:");
    int width = outcome.files().keySet().stream().mapToInt(String::length).max().orElse(0);
    Map<String, String> keptAt = new LinkedHashMap<>();
    for (Workspace.Kept kept : outcome.kept()) {
      for (String file : kept.files()) keptAt.put(file, kept.folder() + "/" + file);
    }
    boolean left = false;
    for (Map.Entry<String, Workspace.Status> file : outcome.files().entrySet()) {
      String name = file.getKey();
      String role =
          exercise.hostFiles().contains(name)
              ? "provided, do not change"
              : exercise.learnerFiles().contains(name)
                  ? "yours to write"
                  : name.equals("pom.xml") ? "for your IDE, see below" : "";
      String note =
          switch (file.getValue()) {
            case ALREADY_THERE -> " (already there)";
            case YOURS_LEFT -> " (you changed it: left as it is)";
            case YOURS_KEPT -> " (replaced; yours is kept in " + keptAt.get(name) + ")";
            case WRITTEN -> "";
          };
      left |= file.getValue() == Workspace.Status.YOURS_LEFT;
      out.println("  " + name + " ".repeat(width - name.length() + 2) + role + note);
    }
    for (Workspace.Kept kept : outcome.kept()) {
      if (kept.exercise().id().equals(exercise.id())) continue; // said above, file by file
      out.println(
          "Your files of "
              + kept.exercise().number()
              + ". "
              + kept.exercise().title()
              + " ("
              + String.join(", ", kept.files())
              + ") are kept in "
              + dir.resolve(kept.folder())
              + "/.");
    }
    if (!outcome.removed().isEmpty()) {
      out.println(
          "Removed, as you had not changed them: " + String.join(", ", outcome.removed()) + ".");
    }
    Path earlier = dir.resolve(Workspace.DONE).resolve(exercise.folder());
    if (Files.isDirectory(earlier)
        && outcome.kept().stream().noneMatch(k -> k.exercise().id().equals(exercise.id()))) {
      out.println("Your earlier files of this exercise are in " + earlier + "/.");
    }
    if (left) {
      out.println(
          "To start over with the starter files, add --force: yours are kept in "
              + dir.resolve(Workspace.DONE)
              + "/ first.");
    }
    out.println();
    String target = dir.toString();
    out.println(
        "Next: write "
            + String.join(" and ", exercise.learnerFiles())
            + ", then "
            + cmd("run " + target)
            + " to watch it, and "
            + cmd("verify " + target)
            + " to check it.");
    out.println();
    out.println(
        Style.dim(
            color,
            "The pom.xml is for your IDE: it finds the workshop runtime in your local Maven repository,"));
    out.println(
        Style.dim(
            color,
            "where the workshop's first build installed it. To compile this folder from anywhere:"));
    out.println(Style.dim(color, "  " + buildCommand(dir)));
    return ExitCode.OK;
  }

  /**
   * A command that compiles {@code dir} from any folder: the workshop's own Maven wrapper by its
   * absolute path (a newcomer may have no {@code mvn}), offline, since the build installed what it
   * needs.
   */
  static String buildCommand(Path dir) {
    String pom = quote(dir.toAbsolutePath().normalize().resolve("pom.xml").toString());
    return workshopRoot()
            .map(root -> quote(root.resolve(isWindows() ? "mvnw.cmd" : "mvnw").toString()))
            .orElse("mvn")
        + " -q -o -f "
        + pom
        + " compile";
  }

  /** The workshop's own folder: the first one above this class's jar (or classes) that has the Maven wrapper. */
  static Optional<Path> workshopRoot() {
    try {
      var source = ScaffoldCommand.class.getProtectionDomain().getCodeSource();
      if (source == null) return Optional.empty();
      for (Path p = Path.of(source.getLocation().toURI()).toAbsolutePath();
          p != null;
          p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("workshop-cli")))
          return Optional.of(p);
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // no wrapper to point at: plain mvn
    }
    return Optional.empty();
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").startsWith("Windows");
  }

  /** A path as a shell word: quoted when it holds anything but plain characters. */
  private static String quote(String path) {
    return path.matches("[A-Za-z0-9_./:@%+=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
  }
}
