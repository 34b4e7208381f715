package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.report.ProbeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HANDS OFF THE LOOP'S VALUES: one run of {@code java Host}. The digest must be that of the
 * document as it was when {@code digest} was called, no loop-owned value may be touched off main,
 * {@code Digest.stretch} must run on a pool thread and never on main, and main must stay free.
 */
public final class HandsOffTheLoopsValues implements Verification {
  private static final Pattern POOL_THREAD = Pattern.compile("pool-\\d+");
  private static final Pattern FIRST_LINE = Pattern.compile("Hashing\\.+Done!");
  private static final String LAST_LINE = "document now has 40001 lines";

  @Override
  public void judge(Judge judge) {
    String digest = judge.spec().property("expected.digest").orElseThrow().strip();
    String heavy = judge.spec().property("heavy.frame").orElse("Digest.stretch").strip();
    for (Run run : judge.runs()) {
      judge.noConfinementViolations(run, "copy what the work needs out of the loop-owned value on main, before"
          + " queueWork, and set the result in the after-work callback");
      judge.mainNeverBlocked(run);
      heavyNeverOnMain(judge, run, heavy);
      judge.onlyPoolThreads(run, "your code started no thread of its own",
          "hand the hashing to loop.queueWork: its pool threads are the ones the lesson is about");
      heavyOnThePool(judge, run, heavy);
      output(judge, run, digest);
      doneOnMain(judge, run);
      judge.endsOnItsOwn(run);
    }
  }

  /**
   * No loop callback spent its time in the heavy method. The watchdog samples every callback that
   * runs over a few ms, so this sees {@code stretch} on main even on a machine fast enough to keep
   * it under the blocking budget.
   */
  private static void heavyNeverOnMain(Judge judge, Run run, String heavy) {
    String name = run.label() + ": " + heavy + " never ran on main";
    ProbeReport r = run.report();
    // Exact evidence first: the probe records every thread that ran a learner method, however
    // briefly, so a warm-up call of a few ms on main is seen too.
    if (r.threadsThatRan(heavy).contains("main")) {
      judge.fail(name, Diagnosis.COMPUTING, heavy + "() ran on main", List.of(
          "even a short call on main is the loop's time: call " + heavy.substring(heavy.lastIndexOf('.') + 1)
              + " only inside loop.queueWork's work, on a pool thread"));
      return;
    }
    for (ProbeReport.Callback c : r.callbacks()) {
      Optional<ProbeReport.Sampled> s = r.sampled(c.id());
      if (s.isEmpty() || s.get().frame() == null || !s.get().frame().startsWith(heavy + "(")) continue;
      List<String> evidence = new ArrayList<>(judge.source(s.get().frame()));
      String kind = c.kind().toLowerCase().replace('_', '-');
      evidence.add(("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + " callback on main spent "
          + Math.round(r.charged(c) / 1e6) + " ms there");
      evidence.add("copy the document on main, then call " + heavy.substring(heavy.lastIndexOf('.') + 1)
          + " inside loop.queueWork's work: it runs on a pool thread");
      judge.fail(name, Diagnosis.COMPUTING, heavy + " ran on main, in " + s.get().frame(), evidence);
      return;
    }
    judge.pass(name);
  }

  /**
   * A pool job did the hashing: one ran to its end without throwing, and it accounts for most of
   * the time between the call to digest and "Done!". (Which method a pool job ran is not recorded;
   * its length is what tells the hashing from a token job.)
   */
  private static void heavyOnThePool(Judge judge, Run run, String heavy) {
    String name = run.label() + ": " + heavy + " ran on a pool thread";
    List<ProbeReport.Job> jobs = PoolJobs.learners(run.report()).stream().filter(j -> POOL_THREAD.matcher(j.thread()).matches()).toList();
    if (jobs.isEmpty()) {
      judge.fail(name, Diagnosis.WRONG_RESULT, PoolJobs.whyNone(run.report()),
          List.of("hand the hashing to loop.queueWork (or an AsyncWorker): its work runs on pool-1, pool-2..."));
      return;
    }
    // Exact evidence first: a pool thread (by identity) ran the heavy method itself.
    if (run.report().ran().stream().noneMatch(r -> r.method().startsWith(heavy + "(") && r.role().equals("pool"))) {
      List<String> ranOn = run.report().threadsThatRan(heavy);
      judge.fail(name, Diagnosis.WRONG_RESULT, ranOn.isEmpty() ? heavy + " never ran" : heavy + " ran only on "
          + String.join(", ", ranOn), List.of("call " + heavy + " inside loop.queueWork's work: it runs on pool-1, pool-2..."));
      return;
    }
    List<ProbeReport.Job> ok = jobs.stream().filter(j -> j.thrown().isEmpty() && j.start() >= 0).toList();
    if (ok.isEmpty()) {
      ProbeReport.Job j = jobs.get(0);
      judge.fail(name, Diagnosis.WRONG_RESULT, "the pool job threw " + j.thrown() + " instead of finishing the hash",
          List.of("queued at " + j.site()));
      return;
    }
    ProbeReport.Job longest = ok.stream().max((a, b) -> Long.compare(a.end() - a.start(), b.end() - b.start())).get();
    long jobMs = Math.round((longest.end() - longest.start()) / 1e6);
    Optional<Run.Printed> hashing = run.printed("Hashing");
    Optional<Run.Printed> done = run.printed("Done!");
    if (hashing.isPresent() && hashing.get().callback() != null && done.isPresent()) {
      long waitMs = Math.round((done.get().time() - hashing.get().callback().start()) / 1e6);
      judge.info(run.label() + ": the longest pool job took " + jobMs + " ms, on " + longest.thread()
          + "; \"Done!\" came " + waitMs + " ms after digest was called");
      if (jobMs * 2 < waitMs) {
        judge.fail(name, Diagnosis.WRONG_RESULT, "the pool job took " + jobMs + " ms of the " + waitMs
            + " ms it took to get the digest: the hashing happened somewhere else",
            List.of("queued at " + longest.site(), "call " + heavy + " inside the work, not in the after-work callback"));
        return;
      }
    }
    judge.pass(name);
  }

  private static void output(Judge judge, Run run, String digest) {
    String name = run.label() + ": the output is Hashing, dots, Done!, the digest of the document as it was, then \""
        + LAST_LINE + "\"";
    List<String> lines = run.lines();
    Optional<String> printed = run.after("digest:");
    if (printed.isPresent() && !printed.get().equals(digest)) {
      List<String> evidence = new ArrayList<>();
      evidence.add("expected digest: " + digest);
      evidence.add("printed digest:  " + OffloadingTheWork.abbreviate(printed.get()));
      evidence.add("hash a copy made on main when digest is called (List.copyOf): the host adds a line to the live list right after");
      judge.fail(name, Diagnosis.WRONG_RESULT, "the digest is not that of the 40000 lines as they were when digest was called", evidence);
      return;
    }
    boolean shape = lines.size() == 3 && FIRST_LINE.matcher(lines.get(0)).matches()
        && lines.get(1).equals("digest: " + digest) && lines.get(2).equals(LAST_LINE);
    if (!shape) {
      List<String> evidence = new ArrayList<>();
      evidence.add("it was: " + OffloadingTheWork.abbreviate(run.stdout().strip()));
      if (run.stdout().indexOf("Done!") >= 0 && run.stdout().indexOf("Done!") < Math.max(0, run.stdout().indexOf("Hashing"))) {
        evidence.add("\"Done!\" came before \"Hashing\": done ran inside digest, before digest returned");
      } else if (run.stdout().contains("HashingDone!")) {
        evidence.add("no dots while hashing: the loop thread was not free to print them");
      }
      judge.fail(name, Diagnosis.WRONG_OUTPUT, "the output is not Hashing, dots, Done!, the digest, then the line count", evidence);
      return;
    }
    judge.pass(name);
    judge.info(run.label() + ": " + (lines.get(0).length() - "HashingDone!".length()) + " dots while hashing");
  }

  private static void doneOnMain(Judge judge, Run run) {
    String name = run.label() + ": done ran on main";
    Optional<Run.Printed> done = run.printed("Done!");
    if (done.isEmpty()) {
      judge.fail(name, Diagnosis.NO_CALLBACK, "done never ran: \"Done!\" was not printed",
          List.of("call done from the after-work callback, once the digest is set"));
      return;
    }
    Run.Printed p = done.get();
    judge.check(name, p.thread().equals("main") && p.callback() != null, Diagnosis.WRONG_RESULT,
        "done ran on \"" + p.thread() + "\", not on main",
        "run it from the after-work callback of queueWork (or onOK), which runs on main");
  }
}
