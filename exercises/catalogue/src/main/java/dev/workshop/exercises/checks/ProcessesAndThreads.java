package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PROCESSES AND THREADS: one run of {@code java Host}, whose every line is compared with what the
 * verifier saw itself: the pid it launched, the cores the probe counted, and the child process the
 * probe watched start.
 *
 * <p>Lines that merely report a fact wrongly ({@code pid:}, {@code cores:}, {@code main thread:},
 * a missing line) are {@link Diagnosis#WRONG_OUTPUT}; facts the program got wrong by what it did
 * (the counter, the child process, the parent's copy of the value) are
 * {@link Diagnosis#WRONG_RESULT}.
 */
public final class ProcessesAndThreads implements Verification {
  /** {@code child saw: 1 (child pid 123, its parent 456)}, as the exercise's Host prints it. */
  private static final Pattern CHILD_LINE =
      Pattern.compile("^child saw: (-?\\d+) \\(child pid (\\d+), its parent (\\d+|unknown)\\)");

  @Override
  public void judge(Judge judge) {
    long expectedCounter = judge.number("counter.expected");
    for (Run run : judge.runs()) {
      ProbeReport report = run.report();
      pid(judge, run);
      cores(judge, run, report);
      mainThread(judge, run);
      counter(judge, run, expectedCounter);
      addedByTwoThreads(judge, run, report);
      Optional<Matcher> childLine = childLine(run);
      childSaw(judge, run, childLine);
      childPid(judge, run, report, childLine);
      parentStillSees(judge, run);
      judge.endsOnItsOwn(run);
      judge.info(
          run.label()
              + ": the verifier launched pid "
              + run.pid()
              + "; the probe counted "
              + Words.count(report.cores(), "core"));
      // Only the pid: the probe may read a child's command line between fork and exec.
      for (ProbeReport.Spawned s : report.spawned()) {
        judge.info(run.label() + ": it started process " + s.pid());
      }
    }
  }

  private static void pid(Judge judge, Run run) {
    String fact = "\"pid:\" is " + run.pid() + ", the pid of the process the verifier launched";
    Optional<Long> pid = run.number("pid:");
    if (pid.isEmpty()) {
      missing(judge, fact, run, "pid:");
      return;
    }
    List<String> evidence = new ArrayList<>();
    if (pid.get() > 0 && pid.get() < 100) {
      evidence.add(
          pid.get()
              + " looks like a thread id: every thread has one, but the pid belongs to the whole process");
    }
    evidence.add(
        "ProcessHandle.current().pid() is the id the operating system knows the process by");
    judge.check(
        run,
        fact,
        pid.get() == run.pid(),
        Diagnosis.WRONG_OUTPUT,
        "it printed pid: " + pid.get() + ", but the process the verifier launched is " + run.pid(),
        evidence.toArray(String[]::new));
  }

  private static void cores(Judge judge, Run run, ProbeReport report) {
    String fact =
        "\"cores:\" is " + report.cores() + ", what availableProcessors() says in that JVM";
    Optional<Long> cores = run.number("cores:");
    if (cores.isEmpty()) {
      missing(judge, fact, run, "cores:");
      return;
    }
    judge.check(
        run,
        fact,
        report.cores() > 0 && cores.get() == report.cores(),
        Diagnosis.WRONG_OUTPUT,
        "it printed cores: " + cores.get() + ", but that JVM may use " + report.cores(),
        "Runtime.getRuntime().availableProcessors() counts the cores this JVM may use");
  }

  private static void mainThread(Judge judge, Run run) {
    String fact = "\"main thread:\" is main";
    Optional<String> thread = run.after("main thread:");
    if (thread.isEmpty()) {
      missing(judge, fact, run, "main thread:");
      return;
    }
    judge.check(
        run,
        fact,
        thread.get().equals("main"),
        Diagnosis.WRONG_OUTPUT,
        "it printed main thread: "
            + thread.get()
            + ", but Host.main runs on the thread called main",
        "Thread.currentThread().getName() names the thread that calls it");
  }

  private static void counter(Judge judge, Run run, long expected) {
    String fact = "\"shared counter:\" is " + expected;
    Optional<Long> total = run.number("shared counter:");
    if (total.isEmpty()) {
      missing(judge, fact, run, "shared counter:");
      return;
    }
    long got = total.get();
    List<String> evidence = new ArrayList<>();
    if (got < expected) {
      evidence.add(
          Words.count(expected - got, "addition is", "additions are")
              + " missing: were they lost (count++ on a plain long), or not made yet?");
      evidence.add(
          "use one AtomicLong for both threads, and join() both threads before you read it");
    } else if (got > expected) {
      evidence.add("each of the two threads adds perThread, no more");
    }
    judge.check(
        run,
        fact,
        got == expected,
        Diagnosis.WRONG_RESULT,
        "the two threads' total came out as " + got + ", not " + expected,
        evidence.toArray(String[]::new));
  }

  /**
   * The counter was built by two threads that Facts started, on positive evidence from the probe:
   * the Thread.start calls made from Facts (with their line), no run() called where start() was
   * meant, and the threads that ran Facts.countWithTwoThreads's code. A total printed without the
   * work, or added by main alone, fails.
   */
  private static void addedByTwoThreads(Judge judge, Run run, ProbeReport report) {
    String fact = "\"shared counter:\" was added by two threads that Facts started";
    List<ProbeReport.RunCall> runs =
        report.runCalls().stream().filter(r -> r.site().startsWith("Facts.")).toList();
    if (!runs.isEmpty()) {
      ProbeReport.RunCall r = runs.get(0);
      List<String> evidence = new ArrayList<>(judge.source(r.site()));
      evidence.add(
          "run() is a plain method call: its body runs on the thread that calls it, " + r.by());
      evidence.add("start() makes the new thread and runs the body there");
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "run() was called instead of start() in " + r.site(),
          evidence);
      return;
    }
    List<ProbeReport.ThreadStart> starts =
        report.threadStarts().stream()
            .filter(t -> t.site().startsWith("Facts.countWithTwoThreads("))
            .toList();
    if (starts.size() < 2) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          starts.isEmpty()
              ? "Facts.countWithTwoThreads started no thread"
              : "Facts.countWithTwoThreads started only one thread, \""
                  + starts.get(0).thread()
                  + "\"",
          List.of("start two threads with new Thread(...).start(), each adding perThread times"));
      return;
    }
    java.util.Set<String> started = new java.util.LinkedHashSet<>();
    starts.forEach(t -> started.add(t.thread()));
    // The adding is the learner's code that the started threads ran: any Facts method (the lambda
    // is named after countWithTwoThreads, or a method of its own).
    long adders =
        report.ran().stream()
            .filter(
                r -> r.learner() && r.method().startsWith("Facts.") && started.contains(r.thread()))
            .map(ProbeReport.Ran::thread)
            .distinct()
            .count();
    judge.check(
        run,
        fact,
        adders >= 2,
        Diagnosis.WRONG_RESULT,
        adders == 0
            ? "none of the threads it started ran its adding code"
            : "only one of the threads it started ran its adding code",
        "threads started: " + String.join(", ", started));
  }

  private static Optional<Matcher> childLine(Run run) {
    for (String line : run.lines()) {
      Matcher m = CHILD_LINE.matcher(line);
      if (m.find()) return Optional.of(m);
    }
    return Optional.empty();
  }

  private static void childSaw(Judge judge, Run run, Optional<Matcher> childLine) {
    String fact = "\"child saw: 1\" was printed by a child process of pid " + run.pid();
    if (childLine.isEmpty()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_OUTPUT,
          "no \"child saw:\" line was printed",
          whyNoChildLine(run));
      return;
    }
    Matcher m = childLine.get();
    long value = Long.parseLong(m.group(1));
    long childPid = Long.parseLong(m.group(2));
    String parent = m.group(3);
    if (childPid == run.pid()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the child code ran inside the same process, pid " + run.pid(),
          List.of(
              "a thread shares its process's pid and heap: start a new process with ProcessBuilder"));
      return;
    }
    if (!parent.equals(String.valueOf(run.pid()))) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the child's parent is " + parent + ", not the program's process " + run.pid(),
          List.of("start the child from Facts.runChild, with ProcessBuilder"));
      return;
    }
    if (!fromAnotherProcess(run, m.group())) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the \"child saw:\" line was written by the program's own process, pid "
              + run.pid()
              + ", not by a child",
          List.of(
              "every byte of the output came through this JVM's System.out",
              "the child must print it itself: start java -cp ... Host child with ProcessBuilder, and let its output through"));
      return;
    }
    Optional<ProbeReport.ProcessStart> started =
        run.report().processStarts().stream().filter(p -> p.pid() == childPid).findFirst();
    if (started.isPresent() && !runsHostChild(started.get().command())) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "process "
              + childPid
              + " ran \""
              + Words.abbreviate(started.get().command(), 60)
              + "\", not the program's own child code",
          List.of(
              "started" + " in " + started.get().site(),
              "the child must be a copy of the program: java -cp <java.class.path> Host child, which adds 1 to its own Host.value"));
      return;
    }
    judge.check(
        run,
        fact,
        value == 1,
        Diagnosis.WRONG_RESULT,
        "the child saw " + value + ", not 1",
        "the child adds 1 to its own copy of Host.value, which starts at 0");
  }

  /** Whether a command runs this exercise's Host with the argument {@code child} on a JVM. */
  private static boolean runsHostChild(String command) {
    List<String> words = List.of(command.trim().split("\\s+"));
    return !words.isEmpty()
        && (words.get(0).endsWith("java") || words.get(0).endsWith("java.exe"))
        && words.contains("Host")
        && words.indexOf("child") > words.indexOf("Host");
  }

  /**
   * Whether {@code line} can have come from another process: the probe records every write the
   * program's own JVM makes to standard output, so the output must hold at least as many bytes
   * that it did not write. (A child started with inheritIO writes to the same pipe directly.)
   * Positive evidence: a line the program printed itself, with a made-up pid, does not pass.
   */
  private static boolean fromAnotherProcess(Run run, String line) {
    if (run.process().stdoutDropped() > 0)
      return true; // past the cap the count is unknown: the pid checks stand
    long all = run.stdout().getBytes(StandardCharsets.UTF_8).length;
    long own = run.report().writes().stream().mapToLong(ProbeReport.Write::length).sum();
    return all - own >= line.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Why the child's line is missing, from what was seen: no child process at all; a child the
   * program did not wait for (it went on at once, and the child was ended with it before a JVM
   * could even start); or a child that ran, whose output went nowhere.
   */
  private static List<String> whyNoChildLine(Run run) {
    List<ProbeReport.Spawned> spawned = run.report().spawned();
    if (spawned.isEmpty()) {
      return List.of(
          "the probe saw no child process (it looks every 10 ms)",
          "start one with new ProcessBuilder(...).start(), and wait for it with waitFor()");
    }
    ProbeReport.Spawned child = spawned.get(0);
    Optional<Run.Printed> next = run.printed("child pid:");
    // The probe notices a child up to 10 ms after it starts; a JVM needs far longer than that to
    // print its first line, so a program that waited for its child goes on much later.
    long goneOnAfter = next.map(p -> p.time() - child.at()).orElse(Long.MAX_VALUE);
    if (goneOnAfter < 20_000_000L) {
      return List.of(
          "process "
              + child.pid()
              + " was started, but the program went on at once, without waiting"
              + " for it, and ended before the child could print",
          "wait for the child to end with process.waitFor()");
    }
    return List.of(
        "process " + child.pid() + " was started, but its output went nowhere",
        "let the child's output reach the terminal: inheritIO() on the ProcessBuilder, or read process.getInputStream()");
  }

  private static void childPid(
      Judge judge, Run run, ProbeReport report, Optional<Matcher> childLine) {
    String fact = "\"child pid:\" is the child's pid, not " + run.pid();
    Optional<Long> printed = run.number("child pid:");
    if (printed.isEmpty()) {
      missing(judge, fact, run, "child pid:");
      return;
    }
    long pid = printed.get();
    if (pid == run.pid()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "it printed the program's own pid, " + pid,
          List.of(
              "a thread is not a process: start one with ProcessBuilder and return process.pid()"));
      return;
    }
    // Positive evidence only: the probe saw that process start, or a child line that really came
    // from another process names it (the probe looks every 10 ms, and may miss a short one).
    boolean spawned = report.spawned().stream().anyMatch(s -> s.pid() == pid);
    boolean saidSo =
        childLine.isPresent()
            && childLine.get().group(2).equals(String.valueOf(pid))
            && childLine.get().group(3).equals(String.valueOf(run.pid()))
            && fromAnotherProcess(run, childLine.get().group());
    List<String> evidence = new ArrayList<>();
    if (report.spawned().isEmpty()) {
      evidence.add(
          "the probe saw no child process (it looks every 10 ms), and no child printed its pid");
    } else {
      report.spawned().forEach(s -> evidence.add("process " + s.pid() + " was started"));
    }
    // Unconfirmed is not contradicted: a pid nobody saw is missing evidence about the output.
    judge.check(
        run,
        fact,
        spawned || saidSo,
        report.spawned().isEmpty() ? Diagnosis.WRONG_OUTPUT : Diagnosis.WRONG_RESULT,
        report.spawned().isEmpty()
            ? "it printed child pid: " + pid + ", but no process " + pid + " was seen"
            : "it printed child pid: " + pid + ", which is not a process the program started",
        evidence.toArray(String[]::new));
  }

  private static void parentStillSees(Judge judge, Run run) {
    String fact = "\"parent still sees:\" is 0";
    Optional<Long> value = run.number("parent still sees:");
    if (value.isEmpty()) {
      missing(judge, fact, run, "parent still sees:");
      return;
    }
    judge.check(
        run,
        fact,
        value.get() == 0,
        Diagnosis.WRONG_RESULT,
        "the parent's Host.value is "
            + value.get()
            + ": the \"child\" changed the parent's own memory",
        "a real child process has a heap of its own; code on a thread of this process does not");
  }

  private static void missing(Judge judge, String fact, Run run, String prefix) {
    judge.fail(
        run,
        fact,
        Diagnosis.WRONG_OUTPUT,
        "no line starting with \"" + prefix + "\" and a value",
        run.lines().isEmpty() ? List.of("nothing was printed") : List.of());
  }
}
