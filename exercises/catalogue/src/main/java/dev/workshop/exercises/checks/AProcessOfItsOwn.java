package dev.workshop.exercises.checks;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.ProcessEvidence;
import dev.workshop.verifier.report.ProcessEvidence.Child;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PROCESS OF ITS OWN: the host hands two jobs to {@code Cruncher.crunch}, a count of primes and
 * a job that makes {@code Host.countPrimes} end its process with exit code 3; each must run in a
 * JVM the learner's code forks. Every fact stands on the probe's process records ({@link
 * ProcessEvidence}): the children the program's runtime started, with their pids, parent pid,
 * exits and message counts, and each forked JVM's own probe report (where {@code
 * Host.countPrimes} ran, its CPU, its messages), never on what the program prints about itself.
 */
public final class AProcessOfItsOwn implements Verification {
  private static final String HEAVY = "Host.countPrimes";

  @Override
  public void judge(Judge judge) {
    int crashCode = (int) judge.number("crash.exit.code");
    long step = judge.number("progress.step");
    for (Run run : judge.runs()) {
      int limit = Integer.parseInt(run.args().get(0));
      judge.mainNeverBlocked(run);
      judge.noThreadsOfItsOwn(
          run,
          "your code started no thread of its own",
          "fork a child instead: loop.fork(\"Cruncher\") runs Cruncher.main in a JVM of its own;"
              + " a thread is part of your program's process, and the crash job's exit ends it");
      List<Child> forks = forks(run);
      Optional<Child> crashed =
          forks.stream()
              .filter(c -> c.exitCode().isPresent() && c.exitCode().getAsInt() == crashCode)
              .findFirst();
      Optional<Child> counter =
          forks.stream().filter(c -> !c.equals(crashed.orElse(null))).findFirst();
      forked(judge, run, forks);
      countedInTheChild(judge, run, counter);
      messagesBothWays(judge, run, counter);
      linesOnMain(judge, run, limit, step, counter);
      exact(judge, run, limit, counter);
      crashReported(judge, run, forks, crashed, crashCode);
      noneLeftBehind(judge, run, forks);
      CrashJobExit.endsOnItsOwn(judge, run, crashCode);
      whoDidWhat(judge, run, forks, counter, crashed);
    }
  }

  /** The children the program's runtime forked ({@code loop.fork}), in start order. */
  private static List<Child> forks(Run run) {
    return run.report().processes().children().stream()
        .filter(c -> c.kind().equals("fork"))
        .toList();
  }

  /** One forked JVM per job: a pid of its own, whose parent is the program. */
  private static void forked(Judge judge, Run run, List<Child> forks) {
    String fact =
        "your code forked a JVM for each job: a process of its own whose parent is the program,"
            + " pid "
            + run.pid();
    if (forks.isEmpty()) {
      List<String> evidence = new ArrayList<>();
      run.report().processes().children().stream()
          .filter(c -> c.kind().equals("spawn"))
          .findFirst()
          .ifPresent(
              c ->
                  evidence.add(
                      "process "
                          + c.pid()
                          + " was started with spawn"
                          + (c.site().isEmpty() ? "" : " at " + c.site())
                          + ": it has no message channel"));
      evidence.add(
          "in Cruncher.crunch: ChildProcess child = loop.fork(\"Cruncher\"), which runs"
              + " Cruncher.main in a new JVM");
      judge.fail(run, fact, Diagnosis.NO_CHILD_PROCESS, "your code forked no process", evidence);
      return;
    }
    for (Child c : forks) {
      // Both ends say so: the program's runtime recorded the child, and the child's own probe
      // (when it reported) recorded its own pid and its parent's.
      long parent = c.report().map(ProbeReport::parentPid).orElse(c.parentPid());
      long self = c.report().map(ProbeReport::pid).orElse(c.pid());
      if (c.pid() == run.pid()
          || self != c.pid()
          || c.parentPid() != run.pid()
          || parent != run.pid()) {
        judge.fail(
            run,
            fact,
            Diagnosis.NO_CHILD_PROCESS,
            "process " + self + "'s parent is " + parent + ", not the program");
        return;
      }
    }
    judge.check(
        run,
        fact,
        forks.size() >= 2,
        Diagnosis.NO_CHILD_PROCESS,
        "your code forked "
            + Words.count(forks.size(), "process", "processes")
            + " for the host's 2 jobs",
        "fork one child in each call of Cruncher.crunch: a crash then ends only its own job");
  }

  /** Host.countPrimes ran in the count job's child, and nowhere in the program's own process. */
  private static void countedInTheChild(Judge judge, Run run, Optional<Child> counter) {
    String fact = "the counting ran in the child process, not in the program";
    ProbeReport main = run.report();
    List<String> here = main.threadsThatRan(HEAVY);
    if (!here.isEmpty()) {
      List<String> evidence = new ArrayList<>();
      evidence.add(
          HEAVY
              + " ran on "
              + String.join(", ", here.stream().map(t -> "\"" + t + "\"").toList())
              + " of process "
              + run.pid()
              + ", the program itself");
      counter.ifPresent(
          c ->
              evidence.add(
                  "child process "
                      + c.pid()
                      + " used "
                      + ms(childCpu(c))
                      + " of CPU on its main thread: it only passed on what it got"));
      evidence.add(
          "send the job to the child with child.send(job), and call Host.countPrimes in the"
              + " child's own Parent.onMessage callback, in Cruncher.main");
      judge.fail(
          run,
          fact,
          Diagnosis.NO_CHILD_PROCESS,
          "the count ran in the program itself, not in a child",
          evidence);
      return;
    }
    if (counter.isEmpty()) {
      judge.fail(run, fact, Diagnosis.NO_CHILD_PROCESS, "no child process, so no count in one");
      return;
    }
    Child c = counter.get();
    Optional<ProbeReport> child = c.report();
    if (child.isEmpty()) {
      boolean ended =
          c.endedByRuntime() || (c.exitCode().isPresent() && c.exitCode().getAsInt() >= 128);
      // A child ended from outside before its probe reported is told below, as left running.
      judge.fail(
          run,
          fact,
          ended ? Diagnosis.WRONG_RESULT : Diagnosis.NO_CHILD_PROCESS,
          "child process "
              + c.pid()
              + (ended ? " was ended before it could report" : " sent no report")
              + ", so nothing shows that it counted");
      return;
    }
    List<String> there = child.get().threadsThatRan(HEAVY);
    if (there.isEmpty()) {
      judge.fail(
          run,
          fact,
          Diagnosis.NO_CHILD_PROCESS,
          HEAVY + " ran neither in the program nor in child process " + c.pid(),
          "call Host.countPrimes(job) in the child, on each job its Parent hands it");
      return;
    }
    judge.pass(run, fact);
  }

  /** The job went to the child as a message, and the answer came back as one. */
  private static void messagesBothWays(Judge judge, Run run, Optional<Child> counter) {
    String fact = "the job went to the child as a message, and its answer came back as one";
    if (counter.isEmpty()) {
      judge.fail(run, fact, Diagnosis.WRONG_RESULT, "no child process, so no message to one");
      return;
    }
    Child c = counter.get();
    if (c.sent() == 0) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the program sent child process " + c.pid() + " no message",
          "send it the job: child.send(job)");
      return;
    }
    if (c.received() == 0) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "no message from child process " + c.pid() + " reached the program",
          "in the child, send the count back: parent.send(count); in the program, take it with"
              + " child.onMessage(...)");
      return;
    }
    judge.pass(run, fact);
  }

  /** Each line countPrimes prints in the child reached main through onLine, as it came. */
  private static void linesOnMain(
      Judge judge, Run run, int limit, long step, Optional<Child> counter) {
    String fact =
        "each line the children printed reached reply.line on main, before the child's exit";
    List<String[]> expected = new ArrayList<>();
    int[] primes = primesBelow(limit);
    for (long k = step; k < limit; k += step) {
      expected.add(new String[] {"count", "checked " + k + ", " + primes[(int) k] + " primes"});
    }
    expected.add(new String[] {"crash", "crash job: exiting with code 3"});
    for (String[] e : expected) {
      String line = e[1];
      String shown = e[0] + "> " + line;
      Optional<Run.Printed> p = run.printedLine(shown);
      if (p.isEmpty()) {
        boolean raw = run.printedLine(line).isPresent();
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_OUTPUT,
            raw
                ? "the child's line \""
                    + line
                    + "\" reached the output as it was, not as \""
                    + shown
                    + "\""
                : "the line \"" + shown + "\" was never printed",
            raw
                ? "a forked child's output is copied to yours when nobody listens for it: take"
                    + " each line with child.onLine(...) and hand it to reply.line"
                : "take each line the child prints with child.onLine(...), and hand it to"
                    + " reply.line");
        return;
      }
      ProbeReport.Callback cb = p.get().callback();
      if (!p.get().thread().equals("main") || cb == null || cb.kind() != CallbackKind.PROCESS) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_OUTPUT,
            "\""
                + shown
                + "\" was printed on \""
                + p.get().thread()
                + "\", not by a child"
                + " process's callback on main",
            "hand each line to reply.line from child.onLine(...)");
        return;
      }
      long exited = counter.map(Child::exitedAtMs).orElse(-1L);
      if (e[0].equals("count") && exited >= 0 && p.get().time() / 1_000_000 > exited) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_OUTPUT,
            "\"" + shown + "\" was printed after child process " + counter.get().pid() + " exited",
            "hand each line to reply.line as it comes, in child.onLine(...): not all at the end");
        return;
      }
    }
    judge.pass(run, fact);
    judge.info(
        run.label()
            + ": "
            + Words.count(expected.size(), "line")
            + " of the children's output reached main through onLine");
  }

  /** The count's exact result, printed on main after the child's answer had come. */
  private static void exact(Judge judge, Run run, int limit, Optional<Child> counter) {
    int[] primes = primesBelow(limit);
    String shown = "count: " + primes[limit] + " primes below " + limit;
    String fact = "the child's answer reached main: \"" + shown + "\"";
    Optional<Run.Printed> p = run.printedLine(shown);
    if (p.isEmpty()) {
      Optional<String> said = run.lines().stream().filter(l -> l.startsWith("count: ")).findFirst();
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          said.map(s -> "it printed \"" + s + "\"").orElse("no result was printed"),
          "hand the child's answer to reply.result in child.onMessage(...)");
      return;
    }
    long at = p.get().time() / 1_000_000;
    boolean afterAnswer =
        counter.isPresent()
            && run.report().processes().messages().stream()
                .anyMatch(m -> !m.sent() && m.fromPid() == counter.get().pid() && m.atMs() <= at);
    judge.check(
        run,
        fact,
        afterAnswer && p.get().thread().equals("main"),
        Diagnosis.WRONG_RESULT,
        counter.isEmpty()
            ? "it was printed, but by the program itself: no child process was forked"
            : "the result was printed before any message from child process "
                + counter.get().pid()
                + " had come",
        "report what the child's message holds: child.onMessage(answer -> reply.result(...))");
  }

  /** The crash job's child exited with the crash code, and the program reported it on main. */
  private static void crashReported(
      Judge judge, Run run, List<Child> forks, Optional<Child> crashed, int code) {
    String shown = "crash: the child crashed with exit code " + code;
    String fact = "the crash job's child exited with code " + code + ", and main reported it";
    if (crashed.isEmpty()) {
      List<String> evidence = new ArrayList<>();
      if (run.report().exit().isPresent() && run.exitCode() == code) {
        evidence.add("the crash job's exit ended process " + run.pid() + ", the program itself");
        evidence.add("in a child, a crash ends only the child: fork one for the job");
      }
      for (Child c : forks) {
        evidence.add(
            "child process "
                + c.pid()
                + (c.exitCode().isPresent()
                    ? " exited with code " + c.exitCode().getAsInt()
                    : " had not exited"));
      }
      judge.fail(
          run,
          fact,
          forks.isEmpty() ? Diagnosis.NO_CHILD_PROCESS : Diagnosis.WRONG_RESULT,
          "no child process exited with code " + code,
          evidence);
      return;
    }
    Child c = crashed.get();
    Optional<Run.Printed> p = run.printedLine(shown);
    if (p.isEmpty()) {
      judge.fail(
          run,
          fact,
          Diagnosis.UNREPORTED_CRASH,
          "child process "
              + c.pid()
              + " exited with code "
              + code
              + ", and your program never"
              + " reported it",
          "a crashed child never answers: its exit is all the parent hears. Register"
              + " child.onExit(code -> ...) and hand a code other than 0 to reply.crashed(code)");
      return;
    }
    ProbeReport.Callback cb = p.get().callback();
    judge.check(
        run,
        fact,
        p.get().thread().equals("main")
            && cb != null
            && cb.kind() == CallbackKind.PROCESS
            && p.get().time() / 1_000_000 >= c.exitedAtMs(),
        Diagnosis.UNREPORTED_CRASH,
        "\"" + shown + "\" was not printed by the child's exit callback on main",
        "report the crash from child.onExit(code -> ...)");
  }

  /** Every child ended, on its own or by the program's hand, while the program ran. */
  private static void noneLeftBehind(Judge judge, Run run, List<Child> forks) {
    String fact = "no child process was left running: each ended before the program did";
    long deadlineMs =
        run.report().stuck().stream()
            .mapToLong(t -> t.at() / 1_000_000)
            .min()
            .orElse(Long.MAX_VALUE);
    for (Child c : forks) {
      String who = "child process " + c.pid() + " (" + c.command() + at(c.site()) + ")";
      if (c.endedByRuntime()) {
        judge.fail(
            run,
            fact,
            Diagnosis.KEPT_ALIVE,
            "the loop ended while " + who + " was still running, so the runtime ended it",
            "end it yourself: child.disconnect() once its answer came lets it finish");
        return;
      }
      // Ended at the timeout: by the verifier, after the probe's deadline snapshot (or by a
      // signal, when there was no snapshot), however the program's runtime saw it go.
      boolean endedAtTimeout =
          run.timedOut()
              && (c.exitCode().isEmpty()
                  || c.exitedAtMs() >= deadlineMs
                  || (deadlineMs == Long.MAX_VALUE && c.exitCode().getAsInt() >= 128));
      if (endedAtTimeout) {
        judge.fail(
            run,
            fact,
            Diagnosis.KEPT_ALIVE,
            who + " was still running when the run was stopped",
            "it waited for more messages, and the program's loop waited for its exit",
            "once its answer came, child.disconnect(): its Parent stops keeping the child's loop"
                + " alive, the child ends, and so does the program");
        return;
      }
      if (c.exitCode().isEmpty()) {
        judge.fail(
            run,
            fact,
            Diagnosis.KEPT_ALIVE,
            who + " had not exited when the program ended, so the runtime ended it",
            "let each child finish, and wait for its exit with child.onExit(...), before your"
                + " program is done");
        return;
      }
    }
    if (forks.isEmpty()) {
      judge.fail(run, fact, Diagnosis.NO_CHILD_PROCESS, "no child process was seen at all");
      return;
    }
    judge.pass(run, fact);
  }

  /** Which process (pid, role) did what: information, not a check. */
  private static void whoDidWhat(
      Judge judge, Run run, List<Child> forks, Optional<Child> counter, Optional<Child> crashed) {
    judge.info(
        run.label()
            + ": process "
            + run.pid()
            + " (the program) forked "
            + Words.count(forks.size(), "child", "children"));
    for (Child c : forks) {
      String role =
          counter.isPresent() && c.equals(counter.get())
              ? "the count job"
              : crashed.isPresent() && c.equals(crashed.get()) ? "the crash job" : "a child";
      boolean ran = c.report().filter(r -> !r.threadsThatRan(HEAVY).isEmpty()).isPresent();
      String did =
          !ran
              ? ""
              : role.equals("the crash job")
                  ? "ran " + HEAVY + "(CRASH); "
                  : "counted, " + ms(childCpu(c)) + " of CPU on its own main thread; ";
      judge.info(
          run.label()
              + ": process "
              + c.pid()
              + " (Cruncher, "
              + role
              + "): "
              + did
              + Words.count(c.sent(), "message")
              + " from the program, "
              + Words.count(c.received(), "message")
              + " back; "
              + (c.exitCode().isPresent() ? "exit code " + c.exitCode().getAsInt() : "no exit"));
    }
  }

  /** The CPU a child's loop thread used in its callbacks and its main script. */
  private static long childCpu(Child c) {
    return c.report()
        .map(r -> r.callbacks().stream().mapToLong(cb -> Math.max(0, cb.cpu())).sum())
        .orElse(0L);
  }

  /** {@code primes[n]}: how many primes are below n, for n up to {@code limit}. */
  static int[] primesBelow(int limit) {
    boolean[] composite = new boolean[limit + 1];
    int[] below = new int[limit + 1];
    int count = 0;
    for (int n = 0; n <= limit; n++) {
      below[n] = count;
      if (n >= 2 && !composite[n]) {
        count++;
        for (long k = (long) n * n; k <= limit; k += n) composite[(int) k] = true;
      }
    }
    return below;
  }

  private static String at(String site) {
    return site == null || site.isEmpty() ? "" : ", forked at " + site;
  }

  private static String ms(long ns) {
    return Math.round(ns / 1e6) + " ms";
  }
}
