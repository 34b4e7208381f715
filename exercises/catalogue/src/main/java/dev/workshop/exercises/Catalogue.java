package dev.workshop.exercises;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The one place that knows which exercises exist and in what order.
 *
 * <p>Exercises are the folders under {@code exercises/} in this module's resources, named
 * {@code NN-some-id}; the number prefix gives the menu order. Adding an exercise means adding one
 * folder (with its {@code exercise.properties}) and the verification class it names.
 */
public final class Catalogue {
  static final String ROOT = "exercises/";

  private final List<Exercise> exercises;

  private Catalogue(List<Exercise> exercises) {
    this.exercises = List.copyOf(exercises);
  }

  /** Reads the catalogue shipped with this module. */
  public static Catalogue load() {
    List<Exercise> found = new ArrayList<>();
    for (String folder : folders()) {
      Properties properties = new Properties();
      try (InputStream in = open(folder + "/exercise.properties")) {
        if (in == null) {
          continue;
        }
        properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      found.add(new Exercise(folder, found.size() + 1, properties));
    }
    return new Catalogue(found);
  }

  /** Every exercise, in menu order. */
  public List<Exercise> exercises() {
    return exercises;
  }

  /** The exercise with this number, counting from 1. */
  public Optional<Exercise> byNumber(int number) {
    return number >= 1 && number <= exercises.size()
        ? Optional.of(exercises.get(number - 1))
        : Optional.empty();
  }

  /** The exercise with this id ({@code call-me-maybe}). */
  public Optional<Exercise> byId(String id) {
    return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** The title of the whole workshop, for the menu's header. */
  public String title() {
    return "WORKSHOP: processes, threads and the event loop";
  }

  static InputStream open(String pathInCatalogue) {
    return Catalogue.class.getClassLoader().getResourceAsStream(ROOT + pathInCatalogue);
  }

  // Folder names sort into menu order thanks to their NN- prefix.
  private static TreeSet<String> folders() {
    TreeSet<String> folders = new TreeSet<>();
    try {
      Path location =
          Path.of(Catalogue.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        Path root = location.resolve(ROOT);
        if (Files.isDirectory(root)) {
          try (Stream<Path> children = Files.list(root)) {
            children
                .filter(Files::isDirectory)
                .forEach(p -> folders.add(p.getFileName().toString()));
          }
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          jar.stream()
              .map(entry -> entry.getName())
              .filter(name -> name.startsWith(ROOT) && name.endsWith("/exercise.properties"))
              .map(
                  name ->
                      name.substring(
                          ROOT.length(), name.length() - "/exercise.properties".length()))
              .filter(name -> !name.contains("/"))
              .forEach(folders::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return folders;
  }
}
