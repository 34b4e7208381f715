package dev.workshop.exercises.checks;

import dev.workshop.probe.BlockKind;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.LookupEvidence;
import dev.workshop.verifier.report.LookupEvidence.Query;
import dev.workshop.verifier.report.LookupEvidence.QueueWait;
import dev.workshop.verifier.report.ProbeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * THE FIFTH JOB WAITS: four slow name lookups and a file read, on a pool the host fixed at 4
 * threads. {@code loop.lookup} holds a pool thread for as long as the name server takes, so the
 * read queues behind four of them; {@code loop.resolve} asks on threads of its own. Judged on the
 * probe's records: the read's queue wait (CPU wait left out) while the four lookups were, as
 * recorded, all in progress; and each answer's address and thread.
 */
public final class TheFifthJobWaits implements Verification {
  private static final String RESOLVE_ADVICE =
      "ask with loop.resolve (Node's dns.resolve4): it waits for the name server on a thread of"
          + " its own, outside the pool, and its callback comes back on main";

  @Override
  public void judge(Judge judge) {
    Run run = judge.runs().get(0);
    judge.mainNeverBlocked(
        run,
        Map.of(
            BlockKind.BLOCKING_IO,
            "a lookup on main stops every callback until the name server answers: "
                + RESOLVE_ADVICE));
    judge.noConfinementViolations(
        run,
        "call the callback on main: loop.resolve's own callback already runs there, so call"
            + " find's callback from inside it");
    judge.noThreadsOfItsOwn(run, "your code started no thread of its own", RESOLVE_ADVICE);
    poolKept(judge, run);
    LookupEvidence lookups = LookupEvidence.of(run.report());
    if (read(run).isPresent()) readWait(judge, run, lookups);
    lookupsInProgress(judge, run, lookups);
    measured(judge, run, lookups);
    answers(judge, run);
    judge.endsOnItsOwn(run);
  }

  /** The pool kept the host's size: a bigger pool is not this exercise's answer. */
  private static void poolKept(Judge judge, Run run) {
    long size = judge.number("pool.size");
    String fact = "the pool kept the host's " + size + " threads";
    ProbeReport r = run.report();
    Optional<ProbeReport.Uncaught> resize =
        r.uncaught().stream().filter(u -> u.message().contains("ThreadPool.setSize")).findFirst();
    if (resize.isPresent()) {
      List<String> evidence = new ArrayList<>();
      evidence.add("ThreadPool.setSize threw" + at(resize.get().frame()) + ":");
      evidence.addAll(judge.source(resize.get().frame()));
      evidence.add(
          "the host started the pool with "
              + size
              + " threads before calling find, and a running pool cannot change size");
      evidence.add(
          "a bigger pool is not the answer here: the wait you measured comes from lookups"
              + " holding pool threads while they wait for a name server; "
              + RESOLVE_ADVICE);
      judge.fail(
          run,
          fact,
          Diagnosis.EXCEPTION,
          "your code tried to make the pool bigger, and ThreadPool.setSize threw",
          evidence);
      return;
    }
    judge.check(
        run,
        fact,
        r.poolSize() == size,
        Diagnosis.WRONG_RESULT,
        r.poolSize() <= 0
            ? "the pool never started"
            : "the pool ran with " + Words.count(r.poolSize(), "thread"));
  }

  /**
   * The four lookups were all in progress, as recorded (pool jobs of kind {@code LOOKUP} and
   * {@code resolve} records), when the file read entered the pool's queue.
   */
  private static boolean lookupsInProgress(Judge judge, Run run, LookupEvidence lookups) {
    int names = judge.spec().words("mirrors").size();
    String fact = "all " + names + " lookups were in progress when the file read was queued";
    Optional<ProbeReport.Job> read = read(run);
    if (read.isEmpty() || LookupEvidence.queuedAt(read.get()) < 0) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "no file read was seen on the pool",
          "the host reads its file once the names are asked: did the program get that far?");
      return false;
    }
    List<Query> asked = lookups.queries();
    List<Query> during = lookups.inProgressAt(LookupEvidence.queuedAt(read.get()));
    if (during.size() >= names) {
      judge.pass(run, fact);
      return true;
    }
    List<String> evidence = new ArrayList<>();
    if (asked.isEmpty()) {
      evidence.add(
          "no loop.lookup or loop.resolve was seen: the verifier sees the names asked through"
              + " the loop, and only those");
      evidence.add(RESOLVE_ADVICE);
    } else {
      evidence.add(
          Words.count(asked.size(), "lookup")
              + " seen, at most "
              + mostAtOnce(asked)
              + " at once: the host reads its file while the name server answers all "
              + names
              + " names at once, or after the last answer");
      evidence.add("ask every name as soon as find is called: don't wait for one answer first");
    }
    judge.fail(
        run,
        fact,
        Diagnosis.WRONG_RESULT,
        Words.count(during.size(), "lookup was", "lookups were")
            + " in progress when the file read was queued",
        evidence);
    return false;
  }

  /** The read's wait in the pool's queue, less the CPU wait of the pool thread that took it. */
  private static void readWait(Judge judge, Run run, LookupEvidence lookups) {
    long maxMs = judge.number("read.wait.max.ms");
    String fact =
        "the file read waited less than "
            + maxMs
            + " ms for a pool thread (time waiting for a CPU not counted)";
    ProbeReport.Job read = read(run).orElseThrow();
    Optional<QueueWait> wait = lookups.queueWait(read);
    if (wait.isEmpty()) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the file read's wait in the pool's queue was not measured");
      return;
    }
    long chargedMs = wait.get().charged() / 1_000_000;
    if (chargedMs < maxMs) {
      judge.pass(run, fact);
      return;
    }
    List<Query> during = lookups.inProgressAt(LookupEvidence.queuedAt(read));
    List<String> onPool =
        during.stream().filter(Query::onPool).map(Query::thread).sorted().toList();
    List<String> evidence = new ArrayList<>();
    evidence.add(
        "it waited "
            + wait.get().waited() / 1_000_000
            + " ms in the pool's queue"
            + (wait.get().cpuWait() > 0
                ? " ("
                    + wait.get().cpuWait() / 1_000_000
                    + " ms of it waiting for a CPU, not counted)"
                : ""));
    List<ProbeReport.Job> others = busyWith(run, read);
    if (onPool.isEmpty() && !others.isEmpty()) {
      ProbeReport.Job j = others.get(0);
      evidence.add(
          "meanwhile "
              + Words.count(others.size(), "other pool job")
              + " held the pool's threads, "
              + (j.kind().equals("WORK") ? "a queueWork" : "a " + j.kind())
              + " queued"
              + at(j.site())
              + " among them");
      evidence.addAll(judge.source(j.site()));
      evidence.add(
          "a blocking lookup inside loop.queueWork holds a pool thread just as loop.lookup"
              + " does");
    }
    if (!onPool.isEmpty()) {
      Query q = during.stream().filter(Query::onPool).findFirst().orElseThrow();
      evidence.add(
          "meanwhile "
              + String.join(", ", onPool)
              + " were each waiting for the name server in a loop.lookup"
              + at(q.site()));
      evidence.addAll(judge.source(q.site()));
      evidence.add(
          "loop.lookup is Node's dns.lookup: it runs on a pool thread for as long as the name"
              + " server takes, so "
              + Words.count(onPool.size(), "slow lookup")
              + " left the read nowhere to run");
    }
    evidence.add(RESOLVE_ADVICE);
    judge.fail(
        run,
        fact,
        Diagnosis.WRONG_RESULT,
        "the file read waited " + chargedMs + " ms for a free pool thread",
        evidence);
  }

  /** Each mirror's address was printed by the host's callback, on main. */
  private static void answers(Judge judge, Run run) {
    List<String> names = judge.spec().words("mirrors");
    List<String> addresses = judge.spec().words("addresses");
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String expected = name + " is " + addresses.get(i);
      Optional<Run.Printed> p = run.printed(expected);
      if (p.isEmpty()) {
        Optional<String> got =
            run.lines().stream().filter(l -> l.startsWith(name + " ")).findFirst();
        wrong.add(
            names.get(i)
                + ": expected "
                + addresses.get(i)
                + (got.isPresent()
                    ? ", the callback got: " + Words.quoted(got.get(), 60)
                    : ", no answer reached the callback"));
      } else if (!p.get().thread().equals("main")) {
        wrong.add(names.get(i) + ": answered on \"" + p.get().thread() + "\", not on main");
      }
    }
    judge.check(
        run,
        "every mirror's address reached its callback on main",
        wrong.isEmpty(),
        Diagnosis.WRONG_RESULT,
        Words.count(wrong.size(), "mirror") + " got no right answer on main",
        wrong);
  }

  /** What the probe measured, as information: who asked the names, and the read's wait. */
  private static void measured(Judge judge, Run run, LookupEvidence lookups) {
    List<Query> asked = lookups.queries();
    if (!asked.isEmpty()) {
      List<String> threads = asked.stream().map(Query::thread).distinct().sorted().toList();
      long pooled = asked.stream().filter(Query::onPool).count();
      judge.info(
          Words.count(asked.size(), "name")
              + " asked on "
              + String.join(", ", threads)
              + (pooled == 0
                  ? " (loop.resolve, outside the pool)"
                  : pooled == asked.size() ? " (loop.lookup, on the pool)" : ""));
    }
    Optional<QueueWait> wait = read(run).flatMap(lookups::queueWait);
    if (wait.isPresent()) {
      judge.info(
          "the file read waited "
              + wait.get().charged() / 1_000_000
              + " ms in the pool's queue"
              + (wait.get().cpuWait() > 0
                  ? ", "
                      + wait.get().waited() / 1_000_000
                      + " ms with the pool thread's wait for a CPU"
                  : ""));
    }
  }

  /** The pool jobs other than {@code read} that ran when it was queued. */
  private static List<ProbeReport.Job> busyWith(Run run, ProbeReport.Job read) {
    long t = LookupEvidence.queuedAt(read);
    return run.report().jobs().stream()
        .filter(j -> j.id() != read.id() && j.onPool() && j.start() <= t && t < j.end())
        .toList();
  }

  /** The host's file read: the first {@code readFile} chunk on the pool. */
  private static Optional<ProbeReport.Job> read(Run run) {
    return run.report().jobs().stream().filter(j -> j.kind().equals("READ_FILE")).findFirst();
  }

  /** The most queries in progress at once. */
  private static int mostAtOnce(List<Query> asked) {
    int most = 0;
    for (Query q : asked) {
      int at = 0;
      for (Query o : asked) if (o.inProgressAt(q.start())) at++;
      most = Math.max(most, at);
    }
    return most;
  }

  private static String at(String frame) {
    return frame == null || frame.isEmpty() ? "" : " at " + frame;
  }
}
