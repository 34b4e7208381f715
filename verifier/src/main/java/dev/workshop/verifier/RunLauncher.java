package dev.workshop.verifier;

import dev.workshop.probe.GoLine;
import dev.workshop.probe.Probe;
import dev.workshop.verifier.compile.Compilation;
import dev.workshop.verifier.launch.ChildArchive;
import dev.workshop.verifier.launch.ChildJvm;
import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.launch.ReportServer;
import dev.workshop.verifier.report.ProbeReport;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.commons.io.FileUtils;

/**
 * The step both pipelines share once the solution compiles: start one child JVM per {@link Plan}
 * under the {@link Probe}, hand it the go line, let the exercise interact, and read back what the
 * probe reported as a {@link Run}. Used by one verify or run, on the caller's thread.
 */
final class RunLauncher {
  /** How long the report may take to end once the child JVM has ended. */
  static final Duration REPORT_GRACE = Duration.ofSeconds(2);

  /** A served run's timeout: as good as none (about 292 years fit in a long of nanoseconds). */
  private static final Duration SERVE_TIMEOUT = Duration.ofDays(365L * 100);

  /**
   * One run to make: the program's arguments, and how many processors its JVM is told it has
   * ({@code named}: the exercise chose the count, so the run's label says it), and whether it is
   * served (no timeout, no interaction).
   */
  record Plan(List<String> args, int processors, boolean named, boolean serve) {
    Duration timeout(ExerciseSpec spec) {
      return serve ? SERVE_TIMEOUT : spec.timeout();
    }
  }

  /**
   * A started child JVM, its report socket, its run folder (a throw-away home and a copy of the
   * classes, deleted after the run) and its plan.
   */
  record Child(ChildJvm.Started started, ReportServer report, Path runFolder, Plan plan) {
    /** Ends a child that will not run after all, and everything that was made for it. */
    void cancel() {
      started.cancel();
      report.close();
      FileUtils.deleteQuietly(runFolder.toFile());
    }
  }

  private final ExerciseSpec spec;
  private final Verification verification;
  private final ChildArchive archive;
  private final Path java;

  /** The runs whose report was cut off, for the verdict. */
  private final List<Run> cutOff = new ArrayList<>();

  RunLauncher(ExerciseSpec spec, Verification verification, ChildArchive archive, Path java) {
    this.spec = spec;
    this.verification = verification;
    this.archive = archive;
    this.java = java;
  }

  /**
   * Every run of the exercise: its {@link Verification#runs} once per processor count of the
   * exercise's {@code processors} property (space-separated, 1 to 256), else once with {@link
   * Verifier#CHILD_PROCESSORS}. An exercise whose answer depends on the core count lists two
   * counts, so that an answer hard-coded for one of them fails the other. The learner's {@code
   * args}, when not empty, replace the exercise's runs; {@code serve} keeps the first run only.
   */
  static List<Plan> plans(
      ExerciseSpec spec, Verification verification, List<String> args, boolean serve) {
    List<List<String>> argLists = args.isEmpty() ? verification.runs(spec) : List.of(args);
    List<Integer> counts =
        spec.property("processors")
            .map(
                v ->
                    Arrays.stream(v.trim().split("\\s+"))
                        .map(Integer::parseInt)
                        .filter(n -> n >= 1 && n <= 256)
                        .toList())
            .orElse(List.of());
    List<Plan> plans = new ArrayList<>();
    for (int n : counts.isEmpty() ? List.of(Verifier.CHILD_PROCESSORS) : counts) {
      for (List<String> a : argLists) plans.add(new Plan(a, n, !counts.isEmpty(), serve));
    }
    // An exercise that needs two threads truly at once (lost updates) is told at least this many.
    int min =
        spec.property("child.processors.min")
            .map(v -> Math.min(256, Integer.parseInt(v.trim())))
            .orElse(1);
    plans.replaceAll(
        p -> p.processors() >= min ? p : new Plan(p.args(), min, p.named(), p.serve()));
    return serve ? plans.subList(0, 1) : plans;
  }

  /** The runs whose probe report was cut off so far. */
  List<Run> cutOff() {
    return cutOff;
  }

  /**
   * Starts the JVM of one run. With {@code compiled} null, the solution is still being compiled:
   * the probe warms up meanwhile. Either way it waits for a go line ({@link GoLine}) that names the
   * classes and the report's socket.
   */
  Child start(Plan plan) {
    Path runFolder;
    try {
      // Outside the workshop's cache: the solution learns neither it nor the progress folder.
      runFolder = Files.createTempDirectory("workshop-run-");
      Files.createDirectories(runFolder.resolve("home"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot make a folder for the run in "
              + System.getProperty("java.io.tmpdir")
              + ": "
              + e.getMessage(),
          e);
    }
    Path home = runFolder.resolve("home");
    ReportServer report;
    try {
      report = ReportServer.open();
    } catch (UncheckedIOException e) {
      FileUtils.deleteQuietly(runFolder.toFile());
      throw new Verifier.Unavailable(e.getMessage());
    }
    long timeoutMs = spec.timeout().toMillis();
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(Verifier.BASE_OPTIONS);
    command.addAll(archive.options());
    if (plan.processors() != Verifier.CHILD_PROCESSORS)
      command.add("-XX:ActiveProcessorCount=" + plan.processors()); // the last one counts
    command.add("-Duser.home=" + home);
    // Served, there is no deadline (0: none).
    command.add(
        "-Dworkshop.probe.deadline.ms="
            + (plan.serve() ? 0 : Math.max(timeoutMs / 2, timeoutMs - 500)));
    command.add("-Dworkshop.probe.await=true");
    // The portable clock, forced on the workshop (or through WORKSHOP_PROBE_CLOCK, for the
    // launchers), is forced on the child: tests and benchmarks on Linux.
    String clock =
        System.getProperty("workshop.probe.clock", System.getenv("WORKSHOP_PROBE_CLOCK"));
    if ("portable".equals(clock)) command.add("-Dworkshop.probe.clock=portable");
    // An exercise that expects pool starvation ends a starved run at once rather than waiting
    // out its timeout (the probe's PoolWaits).
    spec.property("pool.starvation.stop.ms")
        .ifPresent(ms -> command.add("-Dworkshop.probe.starvation.stop.ms=" + ms.trim()));
    // The same class path as the run that recorded the class-data archive: the solution's own
    // classes are loaded by the probe, from the folder the go line names.
    command.addAll(
        List.of(
            "-cp",
            Verifier.childClassPath().stream()
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)),
            Probe.class.getName(),
            spec.mainClass()));
    command.addAll(plan.args());
    ChildJvm.Started started;
    try {
      started = ChildJvm.start(command, childEnv -> childEnvironment(childEnv, home));
    } catch (RuntimeException e) {
      report.close();
      FileUtils.deleteQuietly(runFolder.toFile());
      throw e;
    }
    return new Child(started, report, runFolder, plan);
  }

  /**
   * The child's environment: the learner's, minus what would change the verdict or point back to
   * the workshop ({@code WORKSHOP_*}: its home, its cache, the pool size; the JVM option
   * variables), with a throw-away {@code HOME}.
   */
  static void childEnvironment(Map<String, String> childEnv, Path home) {
    childEnv.keySet().removeIf(k -> k.startsWith("WORKSHOP_"));
    childEnv.remove("JAVA_TOOL_OPTIONS");
    childEnv.remove("_JAVA_OPTIONS");
    childEnv.remove("JDK_JAVA_OPTIONS"); // read by the java launcher itself
    childEnv.put("HOME", home.toString());
  }

  /**
   * Lets a started child run the compiled solution to its end (or its timeout), with its output
   * passed to {@code live} as it comes, and reads the probe's report.
   *
   * @throws Verifier.Unavailable when the JVM itself did not start
   */
  Run finish(Child child, Compilation compiled, Verifier.Progress progress, Consumer<String> live) {
    List<String> args = child.plan().args();
    String label = ("java " + spec.mainClass() + " " + String.join(" ", args)).strip();
    progress.running(label);
    Path classes = child.runFolder().resolve("classes");
    try {
      // A copy: what the solution does to its class files dies with the run.
      FileUtils.copyDirectory(compiled.classes().toFile(), classes.toFile());
    } catch (IOException e) {
      child.cancel();
      throw new UncheckedIOException(
          "cannot copy the compiled classes to " + classes + ": " + e.getMessage(), e);
    }
    Map<String, Object> data = new ConcurrentHashMap<>();
    Consumer<ChildJvm.Running> during =
        child.plan().serve()
            ? null
            : running -> {
              try {
                verification.interact(new Session(spec, running, args, data));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                data.put("interaction.error", e.toString());
              }
            };
    String go =
        GoLine.format(
            classes.toString(),
            compiled.learnerClasses(),
            compiled.hostClasses(),
            child.report().port(),
            child.report().token());
    ProcessRun process;
    ReportServer.Result report;
    try {
      // The run's time counts from the probe's connection: the child is ready then.
      process =
          child
              .started()
              .go(go, child.plan().timeout(spec), child.report()::connectedAt, live, during);
    } finally {
      report = child.report().collect(REPORT_GRACE);
      FileUtils.deleteQuietly(child.runFolder().toFile());
    }
    ProbeReport probe =
        ProbeReport.parse(report.lines())
            .withForks(report.forks().stream().map(f -> ProbeReport.parse(f.lines())).toList());
    if (!probe.present() && process.exitCode() != 0) {
      // The probe never started: the fault is the JVM's or the workshop's, not the solution's.
      String err = process.stderr().strip();
      if (err.contains("UnsupportedClassVersionError")) {
        throw new Verifier.Unavailable(
            "the Java that runs solutions ("
                + java
                + ") is older than 17: set WORKSHOP_JAVA or JAVA_HOME to a JDK 17 or newer");
      }
      if (err.contains("Could not create the Java Virtual Machine")
          || err.contains(Probe.class.getName())) {
        throw new Verifier.Unavailable(
            "the JVM for your solution did not start ("
                + java
                + "): "
                + err.lines().findFirst().orElse("no message"));
      }
    }
    Run run =
        new Run(
            spec.mainClass(),
            args,
            child.plan().named() ? child.plan().processors() : 0,
            process,
            probe,
            data);
    if (report.truncated()) cutOff.add(run);
    return run;
  }
}
