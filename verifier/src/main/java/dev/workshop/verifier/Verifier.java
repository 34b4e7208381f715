package dev.workshop.verifier;

import dev.workshop.probe.GoLine;
import dev.workshop.probe.Probe;
import dev.workshop.runtime.EventLoop;
import dev.workshop.verifier.compile.Compilation;
import dev.workshop.verifier.compile.CompileError;
import dev.workshop.verifier.compile.SolutionCompiler;
import dev.workshop.verifier.launch.ChildArchive;
import dev.workshop.verifier.launch.ChildJvm;
import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.launch.ReportServer;
import dev.workshop.verifier.report.ProbeReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;

/**
 * The verifier's pipeline: check the folder, compile it in this process, run it in a separate JVM
 * under the {@link Probe}, and let the exercise's {@link Verification} judge what happened.
 * Learner code never runs inside the workshop's own process.
 */
public final class Verifier {
  /** Raised for a folder that cannot be a solution at all: the command line was wrong. */
  public static final class BadFolder extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadFolder(String message) {
      super(message);
    }
  }

  /**
   * Raised when solutions cannot be run here at all: no compiler, a {@code WORKSHOP_JAVA} that is
   * not a JDK 17 or newer, a JVM that does not start. The message says what to change.
   */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  /** Hears what the verifier is doing, for a progress line. */
  public interface Progress {
    void step(String what);
  }

  /**
   * How many processors the child JVM is told it has ({@code -XX:ActiveProcessorCount}), whatever
   * the learner's machine has: 4, so that a verdict does not depend on the laptop's core count
   * ({@code availableProcessors()} in the solution and the checks agree on this number). The
   * system property {@code workshop.child.processors} (1 to 256) overrides it, for the tests that
   * prove the exercises also judge right when told 2 or 16.
   */
  public static final int CHILD_PROCESSORS = childProcessors();

  private static int childProcessors() {
    int n = Integer.getInteger("workshop.child.processors", 4);
    return n >= 1 && n <= 256 ? n : 4;
  }

  /** The child JVM's options, shared with the run that records its class-data archive. */
  static final List<String> BASE_OPTIONS =
      List.of(
          "-XX:ActiveProcessorCount=" + CHILD_PROCESSORS,
          "-Xms32m",
          "-Xmx256m",
          // Serial GC: on a heap this small its pauses are short, and no GC threads compete with
          // the
          // solution's; the probe subtracts every pause anyway.
          "-XX:+UseSerialGC",
          "-XX:+PerfDisableSharedMem",
          "-XX:-OmitStackTraceInFastThrow",
          "--add-exports=java.management/sun.management=ALL-UNNAMED",
          "-Dfile.encoding=UTF-8",
          "-Dstdout.encoding=UTF-8",
          "-Dstderr.encoding=UTF-8");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

  private final Path cacheRoot;
  private final Map<String, String> env;

  /**
   * @param cacheRoot where compiled solutions and run reports are kept
   * @param env the environment to read {@code WORKSHOP_JAVA} and {@code JAVA_HOME} from
   */
  public Verifier(Path cacheRoot, Map<String, String> env) {
    this.cacheRoot = cacheRoot;
    this.env = Map.copyOf(env);
  }

  /** Verifies the solution in {@code dir}: compile, run every run, judge. */
  public Verdict verify(ExerciseSpec spec, Path dir, Progress progress) {
    return execute(spec, dir, progress, null, true, List.of(), false);
  }

  /**
   * Runs the solution once per run of the exercise, with its output passed to {@code live} as it
   * comes, and no checks: what {@code workshop run} shows.
   */
  public Verdict run(ExerciseSpec spec, Path dir, Progress progress, Consumer<String> live) {
    return execute(spec, dir, progress, live, false, List.of(), false);
  }

  /**
   * As {@link #run(ExerciseSpec, Path, Progress, Consumer)}, run the learner's way.
   *
   * @param args the program's arguments: when not empty, one run with them replaces the
   *     exercise's own runs (still once per processor count the exercise names)
   * @param serve one run only, with no timeout and without the exercise's {@link
   *     Verification#interact interaction} (nothing is sent to the program): it lasts until the
   *     program ends by itself, or this thread is interrupted, or this JVM ends (Ctrl-C), which
   *     end the program too
   */
  public Verdict run(
      ExerciseSpec spec,
      Path dir,
      Progress progress,
      Consumer<String> live,
      List<String> args,
      boolean serve) {
    return execute(spec, dir, progress, live, false, List.copyOf(args), serve);
  }

  /** A served run's timeout: as good as none (about 292 years fit in a long of nanoseconds). */
  private static final Duration SERVE_TIMEOUT = Duration.ofDays(365L * 100);

  private Verdict execute(
      ExerciseSpec spec,
      Path dir,
      Progress progress,
      Consumer<String> live,
      boolean judge,
      List<String> args,
      boolean serve) {
    Path folder = checkFolder(dir);
    Verdict problem = checkFiles(spec, folder);
    if (problem != null) return problem;

    progress.step("compiling");
    Path java;
    try {
      java = ChildJvm.javaExecutable(env);
    } catch (IllegalArgumentException e) {
      throw new Unavailable(e.getMessage());
    }
    ChildArchive archive =
        new ChildArchive(cacheRoot.resolve("cds"), java, childClassPath(), BASE_OPTIONS);
    Thread recording = archive.recordInBackgroundIfMissing(); // alongside the compile: 2 cores
    Verification verification = verification(spec);
    List<Plan> plans = plans(spec, verification, args, serve);
    SolutionCompiler compiler =
        new SolutionCompiler(cacheRoot.resolve("compiled"), List.of(location(EventLoop.class)));
    // While the compiler works, the first run's JVM can boot and warm up: it waits for a "go".
    Child first =
        recording == null && !compiler.cached(spec, folder)
            ? start(spec, archive, plans.get(0), null)
            : null;
    Compilation compiled;
    try {
      compiled = compiler.compile(spec, folder);
    } catch (SolutionCompiler.NoCompiler e) {
      if (first != null) first.cancel();
      throw new Unavailable(e.getMessage());
    } catch (RuntimeException e) {
      if (first != null) first.cancel();
      throw e;
    } finally {
      archive.await(recording);
    }
    if (!compiled.ok()) {
      if (first != null) first.cancel();
      int n = compiled.errors().size();
      return Verdict.before(
          Diagnosis.COMPILE_ERROR,
          "your code does not compile (" + n + " error" + (n == 1 ? "" : "s") + ")",
          compiled.errors());
    }
    List<String> forbidden = forbiddenReferences(compiled, spec.hostFiles());
    if (!forbidden.isEmpty()) {
      if (first != null) first.cancel();
      return Verdict.before(
          Diagnosis.TAMPERED,
          "your code reaches into the workshop's own instruments ("
              + String.join("; ", forbidden)
              + "): the verifier watches your program through them and cannot judge"
              + " one that changes them; take that code out",
          forbiddenLines(folder, forbidden, spec.hostFiles()));
    }

    List<Run> runs = new ArrayList<>();
    List<String> cutOff = new ArrayList<>();
    for (Plan plan : plans) {
      Child child = first != null && runs.isEmpty() ? first : start(spec, archive, plan, compiled);
      Run run = finish(spec, child, compiled, progress, live, verification, cutOff);
      runs.add(run);
      if (run.timedOut()) break; // the verdict is a fail already; save the learner the wait
    }
    if (!judge) {
      Judge j = new Judge(spec, folder, runs);
      for (Run r : runs) j.showBlocks(r);
      // The exercise knows what it measured (delays, answers, latencies): show that too, without
      // its checks.
      java.util.LinkedHashSet<String> info = new java.util.LinkedHashSet<>(j.infoLines());
      Judge measured = new Judge(spec, folder, runs);
      try {
        if (!serve) verification.judge(measured); // served, the exercise measured nothing
        info.addAll(measured.infoLines());
      } catch (RuntimeException e) {
        // a run cut short can leave a judge without its data: the run's own report stands
      }
      return new Verdict(false, null, "", List.of(), List.of(), List.copyOf(info), runs);
    }
    Judge j = new Judge(spec, folder, runs);
    if (runs.size() < plans.size()) {
      j.info(
          "the remaining run"
              + (plans.size() - runs.size() > 1 ? "s were" : " was")
              + " skipped after a run timed out");
    }
    verification.judge(j);
    for (String label : cutOff) {
      j.fail(
          label + ": the probe's report",
          Diagnosis.TAMPERED,
          "the probe's report of this run was cut off, so the run cannot be judged",
          List.of(
              "the workshop reads at most "
                  + (ReportServer.MAX_BYTES >> 20)
                  + " MiB of a run's report, and"
                  + " waits for it only until the run has ended"));
    }
    for (Run r : runs) {
      long dropped = r.process().stdoutDropped() + r.process().stderrDropped();
      if (dropped > 0) {
        j.info(
            r.label()
                + ": it printed "
                + dropped
                + " characters more than the "
                + (ChildJvm.OUTPUT_CAP >> 20)
                + " MiB per stream that were kept and judged");
      }
    }
    List<CheckResult> results = j.results();
    Diagnosis diagnosis =
        results.stream()
            .filter(c -> !c.passed())
            .map(CheckResult::diagnosis)
            .min(Comparator.naturalOrder())
            .orElse(null);
    boolean passed =
        !results.isEmpty()
            && results.stream().allMatch(CheckResult::passed)
            && runs.size() == plans.size();
    return new Verdict(
        passed,
        passed ? null : diagnosis == null ? Diagnosis.TIMEOUT : diagnosis,
        "",
        List.of(),
        results,
        j.infoLines(),
        runs);
  }

  /** How long the report may take to end once the child JVM has ended. */
  static final Duration REPORT_GRACE = Duration.ofSeconds(2);

  /**
   * A started child JVM, its report socket, its run folder (a throw-away home and a copy of the
   * classes, deleted after the run) and its arguments.
   */
  /**
   * One run to make: the program's arguments, and how many processors its JVM is told it has
   * ({@code named}: the exercise chose the count, so the run's label says it), and whether it is
   * served (no timeout, no interaction).
   */
  private record Plan(List<String> args, int processors, boolean named, boolean serve) {
    Duration timeout(ExerciseSpec spec) {
      return serve ? SERVE_TIMEOUT : spec.timeout();
    }
  }

  /**
   * Every run of the exercise: its {@link Verification#runs} once per processor count of the
   * exercise's {@code processors} property (space-separated, 1 to 256), else once with
   * {@link #CHILD_PROCESSORS}. An exercise whose answer depends on the core count lists two
   * counts, so that an answer hard-coded for one of them fails the other. The learner's {@code
   * args}, when not empty, replace the exercise's runs; {@code serve} keeps the first run only.
   */
  private static List<Plan> plans(
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
    for (int n : counts.isEmpty() ? List.of(CHILD_PROCESSORS) : counts) {
      for (List<String> a : argLists) plans.add(new Plan(a, n, !counts.isEmpty(), serve));
    }
    return serve ? plans.subList(0, 1) : plans;
  }

  private record Child(ChildJvm.Started started, ReportServer report, Path runFolder, Plan plan) {
    /** Ends a child that will not run after all, and everything that was made for it. */
    void cancel() {
      started.cancel();
      report.close();
      FileUtils.deleteQuietly(runFolder.toFile());
    }
  }

  /**
   * Starts the JVM of one run. With {@code compiled} null, the solution is still being compiled:
   * the probe warms up meanwhile. Either way it waits for a go line ({@link GoLine}) that names the
   * classes and the report's socket.
   */
  private Child start(ExerciseSpec spec, ChildArchive archive, Plan plan, Compilation compiled) {
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
      throw new Unavailable(e.getMessage());
    }
    long timeoutMs = spec.timeout().toMillis();
    List<String> command = new ArrayList<>();
    command.add(ChildJvm.javaExecutable(env).toString());
    command.addAll(BASE_OPTIONS);
    command.addAll(archive.options());
    if (plan.processors() != CHILD_PROCESSORS)
      command.add("-XX:ActiveProcessorCount=" + plan.processors()); // the last one counts
    command.add("-Duser.home=" + home);
    // Served, there is no deadline (0: none).
    command.add(
        "-Dworkshop.probe.deadline.ms="
            + (plan.serve() ? 0 : Math.max(timeoutMs / 2, timeoutMs - 500)));
    command.add("-Dworkshop.probe.await=true");
    // The same class path as the run that recorded the class-data archive: the solution's own
    // classes are loaded by the probe, from the folder the go line names.
    command.addAll(
        List.of(
            "-cp",
            childClassPath().stream()
                .map(Path::toString)
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)),
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

  private Run finish(
      ExerciseSpec spec,
      Child child,
      Compilation compiled,
      Progress progress,
      Consumer<String> live,
      Verification verification,
      List<String> cutOff) {
    List<String> args = child.plan().args();
    progress.step("running " + ("java " + spec.mainClass() + " " + String.join(" ", args)).strip());
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
                verification.interact(new Session(running, args, data));
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
    ProbeReport probe = ProbeReport.parse(report.lines());
    String label = ("java " + spec.mainClass() + " " + String.join(" ", args)).strip();
    if (report.truncated()) cutOff.add(label);
    if (!probe.present() && process.exitCode() != 0) {
      // The probe never started: the fault is the JVM's or the workshop's, not the solution's.
      String err = process.stderr().strip();
      if (err.contains("UnsupportedClassVersionError")) {
        throw new Unavailable(
            "the Java that runs solutions ("
                + ChildJvm.javaExecutable(env)
                + ") is older than 17: set WORKSHOP_JAVA or JAVA_HOME to a JDK 17 or newer");
      }
      if (err.contains("Could not create the Java Virtual Machine")
          || err.contains(Probe.class.getName())) {
        throw new Unavailable(
            "the JVM for your solution did not start ("
                + ChildJvm.javaExecutable(env)
                + "): "
                + err.lines().findFirst().orElse("no message"));
      }
    }
    return new Run(
        spec.mainClass(),
        args,
        child.plan().named() ? child.plan().processors() : 0,
        process,
        probe,
        data);
  }

  private static Path checkFolder(Path dir) {
    if (dir == null) throw new BadFolder("no solution folder given");
    Path folder = dir.toAbsolutePath().normalize();
    if (!Files.exists(folder)) {
      throw new BadFolder(dir + " does not exist");
    }
    if (!Files.isDirectory(folder)) {
      throw new BadFolder(dir + " is a file, not a folder");
    }
    if (!Files.isReadable(folder)) {
      throw new BadFolder(dir + " cannot be read");
    }
    return folder;
  }

  private static Verdict checkFiles(ExerciseSpec spec, Path folder) {
    List<String> missing =
        spec.learnerFiles().stream().filter(f -> !Files.isRegularFile(folder.resolve(f))).toList();
    if (!missing.isEmpty()) {
      return Verdict.before(
          Diagnosis.MISSING_FILE,
          folder.getFileName()
              + " has no "
              + String.join(", ", missing)
              + (missing.size() == spec.learnerFiles().size() ? ": is it the right folder?" : ""),
          List.of());
    }
    String tooBig = SolutionCompiler.tooBig(spec, folder);
    if (tooBig != null) {
      return Verdict.before(Diagnosis.COMPILE_ERROR, tooBig, List.of());
    }
    // Every .java file is compiled, so none may declare a package (a host file is replaced by the
    // exercise's copy: it does not count).
    List<String> others = new ArrayList<>();
    try (var files = Files.list(folder)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java") && Files.isRegularFile(folder.resolve(n)))
          .filter(n -> !spec.learnerFiles().contains(n) && !spec.hostFiles().contains(n))
          .sorted()
          .forEach(others::add);
    } catch (IOException e) {
      return Verdict.before(
          Diagnosis.MISSING_FILE,
          "cannot list " + folder.getFileName() + ": " + e.getMessage(),
          List.of());
    }
    List<String> all = new ArrayList<>(spec.learnerFiles());
    all.addAll(others);
    for (String file : all) {
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(folder.resolve(file))))
                .toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        continue; // the compiler names it
      } catch (IOException e) {
        return Verdict.before(
            Diagnosis.MISSING_FILE, "cannot read " + file + ": " + e.getMessage(), List.of());
      }
      var m = PACKAGE.matcher(text);
      if (m.find()) {
        return Verdict.before(
            Diagnosis.WRONG_PACKAGE,
            file
                + " declares package "
                + m.group(1)
                + ", but the exercise's files live in the default package: remove the package line",
            List.of());
      }
      if (!spec.learnerFiles().contains(file)) continue;
      String cls = file.substring(0, file.length() - ".java".length());
      if (!Pattern.compile("\\b(class|interface|record|enum)\\s+" + Pattern.quote(cls) + "\\b")
          .matcher(text)
          .find()) {
        return Verdict.before(
            Diagnosis.WRONG_PACKAGE,
            file
                + " must declare the class "
                + cls
                + " (the exercise's host calls it by that name)",
            List.of());
      }
    }
    return null;
  }

  private static Verification verification(ExerciseSpec spec) {
    try {
      Class<?> c =
          Class.forName(
              spec.verificationClass(), true, Thread.currentThread().getContextClassLoader());
      return (Verification) c.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(
          "exercise "
              + spec.id()
              + ": cannot load its verification class "
              + spec.verificationClass()
              + ": "
              + e,
          e);
    }
  }

  /** The child JVM's class path: the probe, the runtime, and the library the probe uses (ASM). */
  static List<Path> childClassPath() {
    return List.of(
        location(Probe.class),
        location(EventLoop.class),
        location(org.objectweb.asm.ClassReader.class));
  }

  /**
   * What the learner's compiled classes refer to that a solution has no business with: the probe,
   * the runtime's instrumentation, {@code sun.misc.Unsafe} (host classes are the exercise's own and
   * are not checked).
   */
  private static List<String> forbiddenReferences(Compilation compiled, List<String> hostFiles) {
    List<String> found = new ArrayList<>();
    try (var files = Files.walk(compiled.classes())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(f);
        // Every class compiled from the learner's files, whatever its name (a second top-level
        // class in Delay.java, a Helpers.java): only the exercise's own host files are exempt.
        if (hostFiles.contains(dev.workshop.probe.weave.ClassScan.sourceFile(bytes))) continue;
        found.addAll(dev.workshop.probe.weave.ClassScan.forbiddenReferences(bytes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the compiled classes: " + e.getMessage(), e);
    }
    return found.stream().distinct().limit(3).toList();
  }

  /**
   * The learner's source lines that name what {@code forbidden} lists ({@code Main refers to
   * sun.misc.Unsafe}) in full, outside comments, as compiler-style errors pointing at the column.
   * At most 3; none when the name is built at run time.
   */
  private static List<CompileError> forbiddenLines(
      Path folder, List<String> forbidden, List<String> hostFiles) {
    List<String> names =
        forbidden.stream()
            .map(f -> f.substring(f.indexOf(" refers to ") + " refers to ".length()))
            .toList();
    List<CompileError> lines = new ArrayList<>();
    try (var files = Files.list(folder)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !hostFiles.contains(p.getFileName().toString()))
              .sorted()
              .toList()) {
        List<String> text;
        try {
          text = Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
          continue; // not UTF-8: the compiler said so already
        }
        for (int i = 0; i < text.size() && lines.size() < 3; i++) {
          String line = text.get(i);
          String code = line.strip();
          if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) continue;
          for (String name : names) {
            int at = line.indexOf(name);
            if (at >= 0) {
              lines.add(
                  new CompileError(
                      f.getFileName().toString(),
                      i + 1,
                      at + 1,
                      "this names " + name + ", one of the workshop's instruments",
                      line,
                      ""));
              break;
            }
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return lines;
  }

  /** The jar or folder a class was loaded from. */
  static Path location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
