package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's own logic (when to build, which JDK, what it says), on a copy of the script in a
 * pretend project whose Maven wrapper and JDK are small scripts that note what they were asked.
 */
class LauncherScriptTest {
  private static final Path LAUNCHER = Path.of("..", "workshop").toAbsolutePath().normalize();

  @TempDir Path project;
  @TempDir Path jdk;
  private Path log;

  private record Run(int status, String out, String err) {}

  @BeforeEach
  void pretendProject() throws IOException {
    Files.copy(LAUNCHER, project.resolve("workshop"));
    executable(project.resolve("workshop"));
    log = project.resolve("calls.log");
    Files.writeString(
        project.resolve("mvnw"),
        "#!/bin/sh\necho mvnw \"$@\" >> '"
            + log
            + "'\n"
            + "mkdir -p workshop-cli/target && touch workshop-cli/target/workshop-cli.jar\n");
    executable(project.resolve("mvnw"));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Files.createDirectories(project.resolve("workshop-cli/src"));
    Files.createDirectories(project.resolve("verifier"));
    Files.createDirectories(project.resolve("exercises/catalogue/src/main/exercises/01-one"));
    Files.writeString(
        project.resolve("exercises/catalogue/src/main/exercises/01-one/lesson.md"), "# One\n");
    javaVersion("17.0.9");
  }

  private void javaVersion(String version) throws IOException {
    Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(
        jdk.resolve("release"),
        "JAVA_VERSION=\"" + version + "\"\nJAVA_RUNTIME_VERSION=\"" + version + "+1\"\n");
    // Like the JVM, it writes the archive it is asked to record.
    Files.writeString(
        jdk.resolve("bin/java"),
        "#!/bin/sh\necho java \"$@\" >> '"
            + log
            + "'\n"
            + "for a in \"$@\"; do case $a in -XX:ArchiveClassesAtExit=* | -XX:AOTCacheOutput=*) echo archive > \"${a#*=}\" ;; esac; done\n"
            + "echo ran\n");
    executable(jdk.resolve("bin/java"));
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Run run(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(List.of("bash", project.resolve("workshop").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(jdk.toFile());
    builder.environment().put("JAVA_HOME", jdk.toString());
    builder.environment().remove("WORKSHOP_SKIP_BUILD");
    Path out = jdk.resolve("out.txt");
    Path err = jdk.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the launcher finished");
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private long builds() throws IOException {
    return Files.exists(log)
        ? Files.readAllLines(log).stream().filter(l -> l.startsWith("mvnw")).count()
        : 0;
  }

  /** Makes the built jar look older than everything, as if built a while ago. */
  private void ageTheJar() throws IOException {
    Files.setLastModifiedTime(
        project.resolve("workshop-cli/target/workshop-cli.jar"),
        FileTime.from(Instant.now().minusSeconds(60)));
  }

  /** Makes the whole project look untouched since long before the jar was built. */
  private void ageEverything() throws IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(project)) {
      for (Path path : all.toList()) {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minusSeconds(120)));
      }
    }
    ageTheJar();
  }

  @Test
  void onATerminalTheBuildSaysWhichModuleItIsOn() throws Exception {
    // Maven's own lines, as a real build prints them: the module lines carry [n/m].
    Files.writeString(
        project.resolve("mvnw"),
        "#!/bin/sh\necho mvnw \"$@\" >> '"
            + log
            + "'\n"
            + "echo '[INFO] Building workshop runtime 0.1.0-SNAPSHOT                 [2/6]'\n"
            + "echo '[INFO] Building jar: /somewhere/workshop-runtime.jar'\n"
            + "echo '[INFO] Building workshop command line 0.1.0-SNAPSHOT            [6/6]'\n"
            + "mkdir -p workshop-cli/target && touch workshop-cli/target/workshop-cli.jar\n");
    // script(1) gives the launcher a terminal: only there does it redraw a progress line.
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) here");
    Path typescript = jdk.resolve("typescript");
    ProcessBuilder builder =
        new ProcessBuilder(
                "/usr/bin/script",
                "-qec",
                "bash '" + project.resolve("workshop") + "' list",
                typescript.toString())
            .directory(jdk.toFile())
            .redirectOutput(jdk.resolve("script-out.txt").toFile())
            .redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", jdk.toString());
    builder.environment().put("TERM", "xterm");
    builder.environment().remove("WORKSHOP_SKIP_BUILD");
    Process process = builder.start();
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the launcher finished");
    String screen = Files.readString(typescript, StandardCharsets.UTF_8);
    assertTrue(screen.contains("workshop: building 2 of 6: workshop runtime..."), screen);
    assertTrue(screen.contains("workshop: building 6 of 6: workshop command line..."), screen);
    assertTrue(!screen.contains("Building jar"), "Maven's other lines stay in the log: " + screen);
    assertEquals(1, builds());
  }

  @Test
  void theFirstRunBuildsSayingSoInOneLineAndLaterRunsDoNot() throws Exception {
    Run first = run("list");
    assertEquals(0, first.status(), first.err());
    assertEquals(1, builds());
    assertEquals(1, first.err().lines().count(), "one line about the build: " + first.err());
    assertTrue(first.err().startsWith("workshop: building"), first.err());
    assertTrue(first.out().contains("ran"), first.out());

    Run second = run("list");
    assertEquals("", second.err());
    assertEquals(1, builds(), "nothing changed: no build");
  }

  @Test
  void aChangedSourceRebuilds() throws Exception {
    run("list");
    ageTheJar();
    Files.writeString(project.resolve("workshop-cli/src/Some.java"), "class Some {}");
    run("list");
    assertEquals(2, builds());
  }

  @Test
  void aBenchmarkScriptIsNotASource() throws Exception {
    Files.createDirectories(project.resolve("workshop-cli/bench"));
    run("list");
    ageEverything();
    Files.writeString(project.resolve("workshop-cli/bench/startup.sh"), "echo timing\n");
    run("list");
    assertEquals(1, builds(), "editing the benchmark must not rebuild (and so skew it)");
  }

  @Test
  void aChangeThatLeavesTheJarAsItWasRebuildsOnceNotForEver() throws Exception {
    run("list");
    // Like Maven when only a test changed: the build succeeds and the jar stays as it was.
    Files.writeString(project.resolve("mvnw"), "#!/bin/sh\necho mvnw \"$@\" >> '" + log + "'\n");
    ageEverything();
    Files.writeString(project.resolve("workshop-cli/src/SomeTest.java"), "class SomeTest {}");
    run("list");
    assertEquals(2, builds());
    run("list");
    assertEquals(2, builds(), "the second run finds nothing new");
  }

  private long trainings() throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.contains("-Dworkshop.train=")).count();
  }

  @Test
  void theArchiveIsRecordedOnceAndRecordedAgainWhenAJarOfTheClassPathChanges() throws Exception {
    Files.createDirectories(project.resolve("workshop-cli/target/lib"));
    Files.writeString(project.resolve("workshop-cli/target/lib/some-library.jar"), "jar");
    run("list");
    run("list");
    assertEquals(1, trainings(), "the second run uses the archive");
    assertTrue(Files.readString(log).contains("-XX:SharedArchiveFile="), Files.readString(log));

    // A build outside the launcher rewrote a library and left workshop-cli.jar alone: the JVM would
    // refuse the archive without a word and start slowly from then on.
    Path archive;
    try (java.util.stream.Stream<Path> archives =
        Files.list(project.resolve("workshop-cli/target/cds"))) {
      archive = archives.findFirst().orElseThrow();
    }
    ageEverything(); // no source is newer than the jar: no build
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(30)));
    Files.setLastModifiedTime(
        project.resolve("workshop-cli/target/lib/some-library.jar"),
        FileTime.from(Instant.now().minusSeconds(10)));
    run("list");
    assertEquals(1, builds());
    assertEquals(2, trainings(), "a new archive for the new jars");
  }

  @Test
  void anArchiveStampedInTheSameClockTickAsTheJarsIsFresh() throws Exception {
    Files.createDirectories(project.resolve("workshop-cli/target/lib"));
    Files.writeString(project.resolve("workshop-cli/target/lib/some-library.jar"), "jar");
    run("list");
    // The kernel stamps files with a coarse clock: a quick build and the archive's recording can
    // share one time to the nanosecond.
    FileTime tick = FileTime.from(Instant.now().minusSeconds(30));
    ageEverything();
    Files.setLastModifiedTime(project.resolve("workshop-cli/target/workshop-cli.jar"), tick);
    Files.setLastModifiedTime(project.resolve("workshop-cli/target/lib/some-library.jar"), tick);
    try (java.util.stream.Stream<Path> archives =
        Files.list(project.resolve("workshop-cli/target/cds"))) {
      for (Path archive : archives.toList()) {
        Files.setLastModifiedTime(archive, tick);
      }
    }
    run("list");
    assertEquals(1, trainings(), "the archive is as new as the jars: no second recording");
  }

  @Test
  void verifyAndRunShareAnArchiveOfTheirOwn() throws Exception {
    run("list");
    run("--no-color", "verify", "myaddon");
    run("run", "myaddon");
    run("print");
    assertEquals(2, trainings(), "one archive for everyday commands, one for verify and run");
    assertTrue(Files.readString(log).contains("-Dworkshop.train=verify"), Files.readString(log));
  }

  @Test
  void aDeletedSourceRebuildsToo() throws Exception {
    run("list");
    ageTheJar();
    Files.delete(project.resolve("exercises/catalogue/src/main/exercises/01-one/lesson.md"));
    run("list");
    assertEquals(2, builds(), "the jar still holds the deleted file until it is rebuilt");
  }

  @Test
  void aJdkOlderThan17IsOneClearError() throws Exception {
    run("list");
    javaVersion("11.0.2");
    Run old = run("list");
    assertEquals(4, old.status());
    assertEquals(1, old.err().lines().count(), old.err());
    assertTrue(
        old.err().contains("needs Java 17 or newer") && old.err().contains("JAVA_HOME"), old.err());
  }

  @Test
  void theClassDataArchiveIsNamedAfterTheJdkAndItsVersion() throws Exception {
    run("list");
    String calls = Files.readString(log);
    String expected =
        (jdk.resolve("bin/java") + "-17.0.9+1-everyday").replaceAll("[^A-Za-z0-9._+-]", "_");
    assertTrue(
        calls.contains(
            "-XX:ArchiveClassesAtExit="
                + project.resolve("workshop-cli/target/cds/workshop-" + expected + ".jsa")),
        calls);
  }

  @Test
  void jdk25AndLaterGetAnAotCacheWithItsLoggingOff() throws Exception {
    javaVersion("25.0.3");
    run("list");
    String calls = Files.readString(log);
    String expected =
        (jdk.resolve("bin/java") + "-25.0.3+1-everyday").replaceAll("[^A-Za-z0-9._+-]", "_");
    assertTrue(
        calls.contains(
            "-XX:AOTCacheOutput="
                + project.resolve("workshop-cli/target/cds/workshop-" + expected + ".aot")),
        calls);
    assertTrue(calls.contains("-Xlog:aot=off"), "a cache that does not fit says nothing: " + calls);
    assertTrue(!calls.contains("-Xshare"), "AOTCacheOutput refuses every -Xshare option: " + calls);
  }

  @Test
  void jdk17GetsNoOptionItDoesNotKnow() throws Exception {
    run("list");
    String calls = Files.readString(log);
    assertTrue(!calls.contains("aot"), "-Xlog:aot=off is an error on JDK 17: " + calls);
  }
}
