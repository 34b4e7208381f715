package dev.workshop.cli.workspace;

import dev.workshop.exercises.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A learner's folder ({@code myaddon/}) that carries them from one exercise to the next: it holds
 * one exercise at a time, remembers which in its {@link FolderState}, and keeps the learner's files
 * of an exercise it moves on from in {@value #DONE}{@code /<exercise folder>/}.
 *
 * <p>Only files at the top of the folder count: sub-folders ({@code .done/}, {@code target/}, an
 * IDE's) are never read, moved or compiled.
 *
 * <p>Not thread-safe; one command at a time works on a folder.
 */
public final class Workspace {
  /** The folder, inside the learner's folder, where the files of earlier exercises are kept. */
  public static final String DONE = ".done";

  private final List<Exercise> exercises;
  private final Path dir;
  private final Map<String, Map<String, byte[]>> starters = new LinkedHashMap<>();

  /**
   * @param exercises every exercise of the catalogue, in order
   * @param dir the learner's folder; it need not exist yet
   */
  public Workspace(List<Exercise> exercises, Path dir) {
    this.exercises = List.copyOf(exercises);
    this.dir = dir;
  }

  /** The starter files of an exercise, by name, as {@code scaffold} writes them: its boilerplate and a pom.xml. */
  public static Map<String, String> starterFiles(Exercise exercise) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String file : exercise.boilerplateFiles()) files.put(file, exercise.boilerplate(file));
    files.put("pom.xml", StarterPom.text(exercise));
    return files;
  }

  private Map<String, byte[]> starterBytes(Exercise exercise) {
    return starters.computeIfAbsent(
        exercise.id(),
        id -> {
          Map<String, byte[]> bytes = new LinkedHashMap<>();
          starterFiles(exercise)
              .forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
          return bytes;
        });
  }

  /** The exercise the folder's state names, if it has a readable state naming a known exercise. */
  public Optional<Exercise> heldByState() {
    return FolderState.read(dir)
        .flatMap(s -> exercises.stream().filter(e -> e.id().equals(s.exercise())).findFirst());
  }

  /**
   * Why the folder cannot be checked as {@code current}: it holds another exercise.
   *
   * @param held the exercise the folder holds
   * @param files the files in the folder that belong to {@code held} and not to the current
   *     exercise (may be empty: the state alone says so)
   */
  public record Mismatch(Exercise held, List<String> files) {}

  /**
   * Whether the folder holds another exercise than {@code current}: its state names another one, or
   * a file the learner writes in another exercise (and not in this one) sits at its top. Empty for
   * a folder that does not exist (the verifier says so).
   */
  public Optional<Mismatch> mismatch(Exercise current) throws IOException {
    if (!Files.isDirectory(dir)) return Optional.empty();
    Exercise held = heldByState().orElse(null);
    List<String> names = topFiles();
    if (held != null && !held.id().equals(current.id())) {
      List<String> files = names.stream().filter(f -> held.learnerFiles().contains(f)).toList();
      return Optional.of(new Mismatch(held, files));
    }
    List<String> foreign = new ArrayList<>();
    Exercise owner = null;
    for (String f : names) {
      if (current.learnerFiles().contains(f)) continue;
      List<Exercise> owners = ownersOf(f, current);
      if (owners.isEmpty()) continue;
      if (owner == null) owner = latest(owners, current);
      foreign.add(f);
    }
    return owner == null ? Optional.empty() : Optional.of(new Mismatch(owner, foreign));
  }

  /** What became of one starter file. */
  public enum Status {
    /** Written: it was not there, or was there as provided (by this exercise or another). */
    WRITTEN,
    /** Already there, with the starter's content. */
    ALREADY_THERE,
    /** There, changed by the learner: left as it is (no {@code --force}). */
    YOURS_LEFT,
    /** There, changed by the learner: kept in {@code .done/} and replaced by the starter. */
    YOURS_KEPT
  }

  /**
   * What {@code scaffold} did.
   *
   * @param files each starter file of the exercise, in order, and what became of it
   * @param kept each folder (relative to the learner's folder, e.g. {@code .done/02-one-loop-one-thread})
   *     the learner's files were moved to, with the exercise they belong to and their names
   * @param removed files of another exercise that were still as provided, and were deleted
   */
  public record Outcome(Map<String, Status> files, List<Kept> kept, List<String> removed) {}

  /** Files of {@code exercise} moved to {@code folder}, relative to the learner's folder. */
  public record Kept(Exercise exercise, String folder, List<String> files) {}

  /**
   * Writes {@code target}'s starter files into the folder (creating it), and records its state.
   *
   * <ul>
   *   <li>A file of {@code target} that is missing, or there as provided (the state's hash, or
   *       the exact starter of any exercise), is written.
   *   <li>A file the learner changed that belongs to the exercise the folder held before (its
   *       state says which) is moved to {@code .done/<that exercise>/}, and the starter is
   *       written. So are the learner's own extra {@code .java} files at the top of the folder:
   *       they were compiled with that exercise.
   *   <li>A file of another exercise that the learner writes (its {@code learner.files}) is moved
   *       to {@code .done/<that exercise>/} when changed, deleted when still as provided.
   *   <li>A file of {@code target} that the learner changed while the folder held {@code target}
   *       (or held nothing known) is left as it is; with {@code force}, moved to
   *       {@code .done/<target>/} and replaced.
   * </ul>
   *
   * A kept copy never overwrites an earlier one: when {@code .done/<exercise>/} already holds a
   * different file of that name, {@code .done/<exercise>-2/} (then -3 ...) is used. A file already
   * kept with the same content is not kept twice. Other files (notes, sub-folders) are not touched.
   *
   * @throws IOException when the folder cannot be read or written; the learner's files are then
   *     where they were or already in {@code .done/}, never lost
   */
  public Outcome scaffold(Exercise target, boolean force) throws IOException {
    Map<String, byte[]> mine = starterBytes(target);
    Optional<FolderState> state = Files.isDirectory(dir) ? FolderState.read(dir) : Optional.empty();
    Exercise held = heldByState().orElse(null);
    boolean movingOn = held != null && !held.id().equals(target.id());

    Map<String, Status> status = new LinkedHashMap<>();
    Map<Exercise, List<String>> toKeep = new LinkedHashMap<>();
    List<String> toRemove = new ArrayList<>();
    List<String> names = Files.isDirectory(dir) ? topFiles() : List.of();
    for (String f : names) {
      byte[] content = Files.readAllBytes(dir.resolve(f));
      boolean provided = asProvided(f, content, state);
      if (mine.containsKey(f)) {
        if (Arrays.equals(content, mine.get(f))) {
          status.put(f, Status.ALREADY_THERE);
        } else if (provided) {
          status.put(f, Status.WRITTEN);
        } else if (movingOn) {
          toKeep.computeIfAbsent(held, e -> new ArrayList<>()).add(f);
          status.put(f, Status.WRITTEN);
        } else if (force) {
          toKeep.computeIfAbsent(target, e -> new ArrayList<>()).add(f);
          status.put(f, Status.YOURS_KEPT);
        } else {
          status.put(f, Status.YOURS_LEFT);
        }
        continue;
      }
      List<Exercise> owners = ownersOf(f, target);
      boolean extra = owners.isEmpty() && f.endsWith(".java") && movingOn;
      if (owners.isEmpty() && !extra) continue; // not an exercise's file: the learner's, left alone
      if (provided) {
        toRemove.add(f);
      } else {
        Exercise owner =
            extra || (movingOn && owners.contains(held)) ? held : latest(owners, target);
        toKeep.computeIfAbsent(owner, e -> new ArrayList<>()).add(f);
      }
    }
    for (String f : mine.keySet()) status.putIfAbsent(f, Status.WRITTEN);
    Map<String, Status> ordered = new LinkedHashMap<>();
    for (String f : mine.keySet()) ordered.put(f, status.get(f));

    Files.createDirectories(dir);
    List<Kept> kept = new ArrayList<>();
    for (Map.Entry<Exercise, List<String>> group : toKeep.entrySet()) {
      kept.add(keep(group.getKey(), group.getValue()));
    }
    for (String f : toRemove) Files.deleteIfExists(dir.resolve(f));
    Map<String, String> hashes = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : mine.entrySet()) {
      hashes.put(file.getKey(), FolderState.sha256(file.getValue()));
      Status s = ordered.get(file.getKey());
      if (s == Status.WRITTEN || s == Status.YOURS_KEPT)
        write(dir.resolve(file.getKey()), file.getValue());
    }
    new FolderState(target.id(), hashes).write(dir);
    return new Outcome(ordered, kept, toRemove);
  }

  /** Moves files to the first {@code .done/<exercise>[-n]/} where none of them would overwrite another file. */
  private Kept keep(Exercise exercise, List<String> files) throws IOException {
    Path done = dir.resolve(DONE);
    for (int n = 1; ; n++) {
      String name = exercise.folder() + (n == 1 ? "" : "-" + n);
      Path folder = done.resolve(name);
      boolean fits = true;
      for (String f : files) {
        Path there = folder.resolve(f);
        if (Files.exists(there, LinkOption.NOFOLLOW_LINKS) && !sameContent(there, dir.resolve(f))) {
          fits = false;
          break;
        }
      }
      if (!fits) continue;
      Files.createDirectories(folder);
      for (String f : files) {
        Path there = folder.resolve(f);
        if (Files.exists(there, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(dir.resolve(f)); // the very same content is kept there already
        } else {
          Files.move(dir.resolve(f), there); // never replaces: fails rather than overwrite
        }
      }
      return new Kept(exercise, DONE + "/" + name, List.copyOf(files));
    }
  }

  private static boolean sameContent(Path a, Path b) throws IOException {
    return Files.isRegularFile(a) && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  private static void write(Path file, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.write(tmp, content);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Whether a file is as the workshop wrote it: the hash the state recorded for it, or the exact
   * starter of that name of any exercise (which covers a folder whose state was lost).
   */
  private boolean asProvided(String name, byte[] content, Optional<FolderState> state) {
    if (state.isPresent() && FolderState.sha256(content).equals(state.get().provided().get(name)))
      return true;
    for (Exercise e : exercises) {
      byte[] starter = starterBytes(e).get(name);
      if (starter != null && Arrays.equals(starter, content)) return true;
    }
    return false;
  }

  /** The exercises other than {@code except} in which the learner writes a file of this name. */
  private List<Exercise> ownersOf(String file, Exercise except) {
    return exercises.stream()
        .filter(e -> !e.id().equals(except.id()) && e.learnerFiles().contains(file))
        .toList();
  }

  /** Of several exercises, the last one before {@code current}, else the first after it. */
  private static Exercise latest(List<Exercise> owners, Exercise current) {
    return owners.stream()
        .filter(e -> e.number() < current.number())
        .max(Comparator.comparingInt(Exercise::number))
        .orElseGet(
            () -> owners.stream().min(Comparator.comparingInt(Exercise::number)).orElseThrow());
  }

  /** The regular files at the top of the folder, by name, sorted; the state file and temporary files left out. */
  private List<String> topFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> Files.isRegularFile(p))
          .map(p -> p.getFileName().toString())
          .filter(
              n ->
                  !n.equals(FolderState.FILE)
                      && !(n.startsWith(FolderState.FILE) && n.endsWith(".tmp")))
          .sorted()
          .toList();
    }
  }
}
