package dev.workshop.cli.commands;

import dev.workshop.cli.ExitCode;
import dev.workshop.cli.Version;
import dev.workshop.cli.WorkshopException;
import dev.workshop.exercises.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

public final class ScaffoldCommand extends WorkshopSubcommand {
  private final PositionalParamSpec dirParameter = PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("DIR")
      .type(Path.class).defaultValue("myaddon").description("Where to write. Default: ${DEFAULT-VALUE}").build();
  private final OptionSpec forceOption = flag("Overwrite files that differ, after copying each to FILE.bak.", "--force");
  private Path dir;

  @Override
  CommandSpec model() {
    return command("scaffold", "Write the current exercise's starter files into DIR.",
        "Files you changed are never overwritten, unless you add --force: then each is kept as FILE.bak first.",
        "DIR gets a pom.xml too, so it opens in an IDE with the workshop runtime on the classpath.")
        .addPositional(dirParameter).addOption(forceOption);
  }

  @Override
  public Integer call() {
    dir = dirParameter.getValue();
    boolean force = isSet(forceOption);
    Exercise exercise = workshop().currentExercise();
    Map<String, String> files = new LinkedHashMap<>();
    for (String file : exercise.boilerplateFiles()) {
      files.put(file, exercise.boilerplate(file));
    }
    files.put("pom.xml", pom(exercise));

    // DIR, or the first of its parents that exists, must be a folder: its files go inside.
    for (Path existing = dir.toAbsolutePath(); existing != null; existing = existing.getParent()) {
      if (Files.exists(existing)) {
        if (!Files.isDirectory(existing)) {
          throw WorkshopException.usage((existing.equals(dir.toAbsolutePath()) ? dir.toString() : existing.toString())
              + " is a file, not a folder. Name a folder, e.g. '" + workshop().appName() + " scaffold myaddon'.");
        }
        break;
      }
    }
    List<String> conflicts = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    Map<String, String> backups = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path target = dir.resolve(file.getKey());
        if (Files.exists(target)) {
          if (Arrays.equals(Files.readAllBytes(target), file.getValue().getBytes(StandardCharsets.UTF_8))) {
            unchanged.add(file.getKey());
          } else {
            conflicts.add(file.getKey());
          }
        }
      }
      if (!conflicts.isEmpty() && !force) {
        throw WorkshopException.refused("not overwriting your changes in " + dir + ": " + String.join(", ", conflicts)
            + ". Scaffold into another folder, or add --force to overwrite (each file is kept as FILE.bak first).");
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        if (unchanged.contains(file.getKey())) {
          continue;
        }
        Path target = dir.resolve(file.getKey());
        if (conflicts.contains(file.getKey())) {
          Path backup = backupName(file.getKey());
          backups.put(file.getKey(), dir.relativize(backup).toString());
          FileUtils.copyFile(target.toFile(), backup.toFile());
        }
        FileUtils.writeStringToFile(target.toFile(), file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new WorkshopException(ExitCode.ERROR, "cannot write the starter files into " + dir + ": " + e.getMessage()
          + ". Check that you can write there, or pick another folder.", e);
    }

    out().println("Starter files for " + exercise.number() + ". " + exercise.title() + " are in " + dir + "/:");
    for (String file : files.keySet()) {
      String note = unchanged.contains(file) ? " (already there)" : conflicts.contains(file) ? " (overwritten; your version is in " + backups.get(file) + ")" : "";
      String role = exercise.hostFiles().contains(file) ? "  provided, do not change" : exercise.learnerFiles().contains(file) ? "  yours to write" : "";
      out().println("  " + file + role + note);
    }
    out().println();
    String target = dir.toString();
    out().println("Next: edit them, then " + cmd("run " + target) + " to watch it, and " + cmd("verify " + target) + " to check it.");
    return ExitCode.OK;
  }

  /**
   * FILE.bak, or FILE.bak.2, .3 ... when an earlier backup holds something else: a second --force
   * must not destroy the first one's copy.
   */
  private Path backupName(String file) throws IOException {
    byte[] current = Files.readAllBytes(dir.resolve(file));
    for (int n = 1; ; n++) {
      Path backup = dir.resolve(file + ".bak" + (n == 1 ? "" : "." + n));
      if (!Files.exists(backup) || Arrays.equals(Files.readAllBytes(backup), current)) {
        return backup;
      }
    }
  }

  private static String pom(Exercise exercise) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Written by 'workshop scaffold' so that this folder opens in an IDE with the workshop
             runtime on the classpath. The verifier does not use it: 'workshop verify' compiles
             your files itself. -->
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.workshop.learner</groupId>
          <artifactId>%s</artifactId>
          <version>1.0</version>

          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
          </properties>

          <dependencies>
            <dependency>
              <groupId>dev.workshop</groupId>
              <artifactId>workshop-runtime</artifactId>
              <version>%s</version>
            </dependency>
          </dependencies>

          <build>
            <!-- Your .java files sit right here, next to this pom. -->
            <sourceDirectory>${project.basedir}</sourceDirectory>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.14.0</version>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-resources-plugin</artifactId>
                <version>3.3.1</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(exercise.id(), Version.number());
  }
}
