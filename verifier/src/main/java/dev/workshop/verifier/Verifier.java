package dev.workshop.verifier;

import dev.workshop.probe.Probe;
import dev.workshop.runtime.EventLoop;
import dev.workshop.verifier.RunLauncher.Child;
import dev.workshop.verifier.RunLauncher.Plan;
import dev.workshop.verifier.compile.Compilation;
import dev.workshop.verifier.compile.SolutionCompiler;
import dev.workshop.verifier.launch.ChildArchive;
import dev.workshop.verifier.launch.ChildJvm;
import dev.workshop.verifier.launch.ReportServer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
    /** A step begins: "compiling", "running java Host 111". Called on the verifying thread. */
    void step(String what);

    /**
     * A run begins: {@code command} as a learner would type it ({@code java Host 111}). By
     * default a step, "running " and the command.
     */
    default void running(String command) {
      step("running " + command);
    }
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

  /** The verdict's line when the probe estimated the wait for a CPU (no Linux schedstat). */
  public static final String PORTABLE_CLOCK =
      "timed with the portable clock: on a busy machine it tells less exactly how long your"
          + " program waited for a CPU";

  /** The child JVM's options, shared with the run that records its class-data archive. */
  static final List<String> BASE_OPTIONS =
      List.of(
          "-XX:ActiveProcessorCount=" + CHILD_PROCESSORS,
          "-Xms32m",
          "-Xmx256m",
          // Serial GC: on a heap this small its pauses are short, and no GC threads compete with
          // the solution's; the probe subtracts every pause anyway.
          "-XX:+UseSerialGC",
          "-XX:+PerfDisableSharedMem",
          "-XX:-OmitStackTraceInFastThrow",
          "--add-exports=java.management/sun.management=ALL-UNNAMED",
          "-Dfile.encoding=UTF-8",
          "-Dstdout.encoding=UTF-8",
          "-Dstderr.encoding=UTF-8");

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

  /**
   * Verifies the solution in {@code dir}: the shared steps (check the folder, compile, run every
   * run), then the exercise's checks.
   *
   * @throws BadFolder when {@code dir} is no folder
   * @throws Unavailable when solutions cannot be run here
   */
  public Verdict verify(ExerciseSpec spec, Path dir, Progress progress) {
    Verification verification = verification(spec);
    List<Plan> plans = RunLauncher.plans(spec, verification, List.of(), false);
    Made made = compileAndRun(spec, dir, progress, null, verification, plans);
    if (made.before() != null) return made.before();
    return judge(spec, verification, made, plans.size());
  }

  /**
   * Runs the solution once per run of the exercise, with its output passed to {@code live} as it
   * comes, and no checks: what {@code workshop run} shows.
   */
  public Verdict run(ExerciseSpec spec, Path dir, Progress progress, Consumer<String> live) {
    return run(spec, dir, progress, live, List.of(), false);
  }

  /**
   * As {@link #run(ExerciseSpec, Path, Progress, Consumer)}, run the learner's way: the shared
   * steps, then what the runs showed (the blocks, and what the exercise measured), never a check.
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
    Verification verification = verification(spec);
    List<Plan> plans = RunLauncher.plans(spec, verification, List.copyOf(args), serve);
    Made made = compileAndRun(spec, dir, progress, live, verification, plans);
    if (made.before() != null) return made.before();
    return show(spec, verification, made, serve);
  }

  /**
   * What the shared steps made: a verdict before any run ({@code before}: a missing file, compile
   * errors, a forbidden reference), or the runs, with the labels of those whose report was cut off.
   */
  private record Made(Verdict before, Path folder, List<Run> runs, List<Run> cutOff) {}

  /** The shared steps: check the folder, compile it, and make the runs (stopping at a timeout). */
  private Made compileAndRun(
      ExerciseSpec spec,
      Path dir,
      Progress progress,
      Consumer<String> live,
      Verification verification,
      List<Plan> plans) {
    Path folder = SolutionFolder.check(dir);
    Verdict problem = SolutionFolder.checkFiles(spec, folder);
    if (problem != null) return new Made(problem, folder, List.of(), List.of());

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
    RunLauncher launcher = new RunLauncher(spec, verification, archive, java);
    SolutionCompiler compiler =
        new SolutionCompiler(cacheRoot.resolve("compiled"), List.of(location(EventLoop.class)));
    // While the compiler works, the first run's JVM can boot and warm up: it waits for a "go".
    Child first =
        recording == null && !compiler.cached(spec, folder) ? launcher.start(plans.get(0)) : null;
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
    Verdict refused = refused(spec, folder, compiled);
    if (refused != null) {
      if (first != null) first.cancel();
      return new Made(refused, folder, List.of(), List.of());
    }
    List<Run> runs = new ArrayList<>();
    for (Plan plan : plans) {
      Child child = first != null && runs.isEmpty() ? first : launcher.start(plan);
      Run run = launcher.finish(child, compiled, progress, live);
      runs.add(run);
      if (run.timedOut()) break; // the verdict is a fail already; save the learner the wait
    }
    return new Made(null, folder, runs, launcher.cutOff());
  }

  /** The verdict on a compilation that cannot run: compile errors, or forbidden references. */
  private static Verdict refused(ExerciseSpec spec, Path folder, Compilation compiled) {
    if (!compiled.ok()) {
      int n = compiled.errors().size();
      return Verdict.before(
          Diagnosis.COMPILE_ERROR,
          "your code does not compile (" + n + " error" + (n == 1 ? "" : "s") + ")",
          compiled.errors());
    }
    List<String> forbidden = SolutionFolder.forbiddenReferences(compiled, spec.hostFiles());
    if (forbidden.isEmpty()) return null;
    return Verdict.before(
        Diagnosis.TAMPERED,
        "your code reaches into the workshop's own instruments ("
            + String.join("; ", forbidden)
            + "): the verifier watches your program through them and cannot judge"
            + " one that changes them; take that code out",
        SolutionFolder.forbiddenLines(folder, forbidden, spec.hostFiles()));
  }

  /** The verify pipeline's last step: the exercise's checks, and the verifier's own about the runs. */
  private static Verdict judge(
      ExerciseSpec spec, Verification verification, Made made, int planned) {
    List<Run> runs = made.runs();
    Judge j = new Judge(spec, made.folder(), runs);
    if (runs.size() < planned) {
      j.info(
          "the remaining run"
              + (planned - runs.size() > 1 ? "s were" : " was")
              + " skipped after a run timed out");
    }
    verification.judge(j);
    for (Run cut : made.cutOff()) {
      j.fail(
          cut,
          "the probe's report",
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
    if (runs.stream().anyMatch(r -> r.report() != null && r.report().portableClock()))
      j.info(PORTABLE_CLOCK);
    return Verdict.judged(j.results(), j.infoLines(), runs, runs.size() == planned);
  }

  /**
   * The run pipeline's last step: no checks, but what a learner watching the runs wants to know:
   * every block over the budget, and what the exercise measured (delays, answers, latencies), which
   * its {@link Verification#judge} reports as info lines; its checks are not kept.
   */
  private static Verdict show(
      ExerciseSpec spec, Verification verification, Made made, boolean serve) {
    Judge j = new Judge(spec, made.folder(), made.runs());
    for (Run r : made.runs()) j.showBlocks(r);
    try {
      if (!serve) verification.judge(j); // served, the exercise measured nothing
    } catch (RuntimeException e) {
      // a run cut short can leave a judge without its data: the run's own report stands
    }
    return Verdict.shown(new ArrayList<>(new LinkedHashSet<>(j.infoLines())), made.runs());
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

  /**
   * The child JVM's class path: the probe and the runtime. The probe's jar carries the one library
   * it uses (ASM) inside it, relocated; a probe loaded from its classes folder (a build that
   * stopped before {@code package}, or an IDE) needs ASM's own jar beside it.
   */
  static List<Path> childClassPath() {
    Path probe = location(Probe.class);
    if (!java.nio.file.Files.isDirectory(probe)) return List.of(probe, location(EventLoop.class));
    try {
      Class<?> asm =
          Class.forName("org.objectweb.asm.ClassReader", false, Probe.class.getClassLoader());
      return List.of(probe, location(EventLoop.class), location(asm));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the probe's classes need ASM on the class path", e);
    }
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
