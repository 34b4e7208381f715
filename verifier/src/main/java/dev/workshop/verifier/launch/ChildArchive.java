package dev.workshop.verifier.launch;

import dev.workshop.probe.GoLine;
import dev.workshop.probe.Probe;
import dev.workshop.probe.Training;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The child JVM's class-data archive (AppCDS): the JDK, runtime and probe classes that every run
 * loads, mapped from a file instead of loaded one by one. It is recorded once per JDK and build,
 * by running {@link Training} under the probe, and kept in the verifier's cache. CDS only archives
 * classes from jars, so in a development build (class folders) there is none, and runs start the
 * ordinary way.
 */
public final class ChildArchive {
  private final Path java;
  private final List<Path> classPath;
  private final List<String> baseOptions;
  private final Path archive;

  /**
   * @param folder where archives are kept
   * @param java the {@code java} that runs solutions
   * @param classPath the child's class path: the probe's jar, the runtime's, the probe's own
   *     libraries; the archive is made only when every entry is a jar
   * @param baseOptions the child's JVM options
   */
  public ChildArchive(Path folder, Path java, List<Path> classPath, List<String> baseOptions) {
    this.java = java;
    this.classPath = List.copyOf(classPath);
    this.baseOptions = baseOptions;
    this.archive = usable() ? folder.resolve("child-" + key() + ".jsa") : null;
  }

  private boolean usable() {
    return classPath.stream()
        .allMatch(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p));
  }

  /** The options that use the archive, or none while it does not exist. */
  public List<String> options() {
    if (archive == null || !Files.isRegularFile(archive)) return List.of();
    return List.of(
        "-XX:SharedArchiveFile=" + archive,
        "-Xshare:auto",
        "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off");
  }

  /** Starts recording the archive when there is none yet; returns the thread, or null. */
  public Thread recordInBackgroundIfMissing() {
    if (archive == null || Files.exists(archive)) return null;
    Thread t = new Thread(this::record, "workshop-record-cds");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Waits for the recording to finish (a few seconds at most: without it, runs only start slower). */
  public void await(Thread recording) {
    if (recording == null) return;
    try {
      recording.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record() {
    try {
      Files.createDirectories(archive.getParent());
      // One file per recording, not per process: verifies that run side by side in one JVM (the
      // fixture suite's) may both record.
      Path tmp =
          archive.resolveSibling(
              archive.getFileName()
                  + ".tmp"
                  + ProcessHandle.current().pid()
                  + "-"
                  + System.nanoTime());
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      command.addAll(baseOptions);
      command.addAll(
          List.of(
              "-XX:ArchiveClassesAtExit=" + tmp,
              "-Xlog:cds=off",
              "-Xlog:cds+dynamic=off",
              "-cp",
              classPath.stream()
                  .map(Path::toString)
                  .collect(Collectors.joining(File.pathSeparator)),
              Probe.class.getName(),
              Training.class.getName()));
      // Training runs as a verify does: a go line, a report socket (so that their classes are
      // archived too), standard input open until it ends.
      try (ReportServer report = ReportServer.open()) {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
          in.write(
              (GoLine.format("", List.of(), List.of(), report.port(), report.token()) + "\n")
                  .getBytes(StandardCharsets.UTF_8));
          in.flush();
          if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          } else if (p.exitValue() == 0 && Files.size(tmp) > 0) {
            Files.move(
                tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          }
        } finally {
          p.destroyForcibly();
        }
      }
      Files.deleteIfExists(tmp);
    } catch (IOException | RuntimeException e) {
      // no archive: runs start the ordinary way
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String key() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<Path> keyed = new ArrayList<>(List.of(java.toRealPath()));
      keyed.addAll(classPath);
      for (Path p : keyed) {
        sha.update(
            (p + "@" + Files.getLastModifiedTime(p).toMillis() + "#" + Files.size(p) + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      sha.update(String.join(" ", baseOptions).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 10);
    } catch (IOException | NoSuchAlgorithmException e) {
      return "unknown";
    }
  }
}
