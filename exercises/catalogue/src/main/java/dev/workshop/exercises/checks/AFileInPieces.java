package dev.workshop.exercises.checks;

import dev.workshop.probe.BlockKind;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.ExerciseSpec;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.FileEvidence;
import dev.workshop.verifier.report.ProbeReport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * A FILE IN PIECES: one run of {@code java Host <seed>}, with a new seed for every verify. The
 * host makes a 20 MB file and three small ones and reads all four at once through the learner's
 * {@code Pieces.readFile}, plus a missing file. The bytes are judged by a CRC-32 that this class
 * computes itself from the seed; the chunks, the descriptors and the order in which reads were
 * queued come from the probe's file-call records ({@link FileEvidence}), never from what the
 * program prints about itself.
 */
public final class AFileInPieces implements Verification {
  /** The seed of {@code java Host} with no argument. */
  static final long DEFAULT_SEED = 2026;

  @Override
  public List<List<String>> runs(ExerciseSpec spec) {
    return List.of(
        List.of(String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000L))));
  }

  @Override
  public void judge(Judge judge) {
    List<String> names = judge.spec().words("files");
    List<Long> sizes = judge.spec().words("file.sizes").stream().map(Long::parseLong).toList();
    int chunk = (int) judge.number("chunk.max.bytes");
    String missing = judge.spec().setting("missing.file");
    for (Run run : judge.runs()) {
      long seed = run.args().isEmpty() ? DEFAULT_SEED : Long.parseLong(run.args().get(0));
      FileEvidence files = FileEvidence.of(run.report());
      // A file read on main is the root cause of whatever block it made (its time, and the
      // garbage collection of the bytes it read): it is told once, as the file read.
      if (readNothingOnMain(judge, run)) judge.mainNeverBlocked(run);
      judge.noThreadsOfItsOwn(
          run,
          "your code started no thread of its own",
          "read through loop.fs(): its open, read and close are pool jobs already");
      bytes(judge, run, seed, names, sizes);
      chunks(judge, run, files, names, sizes, chunk);
      oneReadInFlight(judge, run, files, names);
      smallFilesFirst(judge, run, files, names);
      closed(judge, run, files, names);
      missingFile(judge, run, missing);
      judge.endsOnItsOwn(run);
    }
  }

  /** No blocking file read on main: the woven code times every one (recorded from 1 ms a callback). */
  private static boolean readNothingOnMain(Judge judge, Run run) {
    ProbeReport r = run.report();
    List<ProbeReport.Callback> all = new ArrayList<>(r.callbacks());
    r.mainScript().ifPresent(all::add);
    ProbeReport.Wait first = null;
    long total = 0;
    for (ProbeReport.Callback c : all) {
      for (ProbeReport.Wait w : r.waits(c.id())) {
        if (w.kind() != BlockKind.BLOCKING_IO) continue;
        total += w.ns();
        if (first == null) first = w;
      }
    }
    String fact = "main read no file itself";
    if (first == null) {
      judge.pass(run, fact);
      return true;
    }
    List<String> evidence = new ArrayList<>(judge.source(first.site()));
    evidence.add(
        "main spent "
            + Math.round(total / 1e6)
            + " ms in file reads: a few ms each for a file the system had in memory, far"
            + " longer on a slow disk, and no other callback runs meanwhile");
    r.blocks(judge.budgetMs() * 1_000_000L).stream()
        .findFirst()
        .ifPresent(
            b ->
                evidence.add(
                    "main was blocked for "
                        + b.chargedMillis()
                        + " ms in one callback, "
                        + b.kind().words()));
    evidence.add("open, read and close through loop.fs(): each call runs on a pool thread");
    judge.fail(run, fact, Diagnosis.BLOCKING_IO, "main read a file in " + first.site(), evidence);
    return false;
  }

  /** Each file's answer: its size and CRC-32, against what this class makes from the seed. */
  private static void bytes(Judge judge, Run run, long seed, List<String> names, List<Long> sizes) {
    String fact = "each file came back whole: the right size and the right bytes (CRC-32)";
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String expected =
          String.format("%s: %d bytes, crc32 %08x", name, sizes.get(i), crc(seed, i, sizes.get(i)));
      List<String> lines = answers(run, name);
      if (lines.size() == 1 && lines.get(0).equals(expected)) continue;
      String reason =
          lines.isEmpty()
              ? "no answer came for " + name
              : lines.size() > 1
                  ? "the callback for " + name + " ran " + lines.size() + " times"
                  : "the answer for " + name + " is wrong";
      List<String> evidence = new ArrayList<>();
      if (!lines.isEmpty()) evidence.add("it printed: " + Words.quoted(lines.get(0), 72));
      evidence.add("expected: " + expected);
      judge.fail(run, fact, Diagnosis.WRONG_RESULT, reason, evidence);
      return;
    }
    judge.pass(run, fact);
  }

  /** Every read was an fs().read job on a pool thread, of at most one chunk, adding up. */
  private static void chunks(
      Judge judge, Run run, FileEvidence files, List<String> names, List<Long> sizes, int chunk) {
    String fact =
        "each file was read in fs().read jobs of at most "
            + chunk / 1024
            + " KiB, each a pool job of its own";
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      List<FileEvidence.Call> reads = files.reads(name);
      if (reads.isEmpty()) {
        List<String> evidence = new ArrayList<>();
        otherJobs(run.report()).ifPresent(evidence::add);
        evidence.add("open the file with fs().open, then read it chunk by chunk with fs().read");
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "no fs().read job read " + name + ": it was read some other way",
            evidence);
        return;
      }
      Optional<FileEvidence.Call> big = reads.stream().filter(c -> c.length() > chunk).findFirst();
      if (big.isPresent()) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "one fs().read of " + name + " asked for " + big.get().length() + " bytes at once",
            "a read of " + chunk + " bytes or fewer leaves the pool thread free sooner",
            "read "
                + chunk / 1024
                + " KiB at a time, and ask for the next chunk from the callback");
        return;
      }
      Optional<FileEvidence.Call> offPool =
          reads.stream().filter(c -> !c.job().onPool()).findFirst();
      if (offPool.isPresent()) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "a read of " + name + " ran on " + offPool.get().job().thread() + ", not on the pool");
        return;
      }
      long got = reads.stream().filter(c -> !c.failed()).mapToLong(FileEvidence.Call::bytes).sum();
      if (got != sizes.get(i)) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "the fs().read jobs of " + name + " read " + got + " of its " + sizes.get(i) + " bytes",
            "read on until a read gives fewer bytes than it asked for: that is the end of the file");
        return;
      }
    }
    long big = files.reads(names.get(0)).size();
    judge.pass(run, fact);
    judge.info(
        run.label()
            + ": "
            + names.get(0)
            + " took "
            + Words.count((int) big, "read")
            + " on "
            + files.reads(names.get(0)).stream().map(c -> c.job().thread()).distinct().count()
            + " pool threads");
  }

  /** What the learner's pool jobs were, when none was a read: a hint at what was done instead. */
  private static Optional<String> otherJobs(ProbeReport r) {
    return PoolJobs.learners(r).stream()
        .filter(j -> !j.kind().startsWith("FS_"))
        .findFirst()
        .map(j -> "a " + j.kind() + " job queued at " + j.site() + " ran on " + j.thread());
  }

  /** For each descriptor, each read was queued only after the one before it had ended. */
  private static void oneReadInFlight(
      Judge judge, Run run, FileEvidence files, List<String> names) {
    String fact = "one read per file in flight: each asked for after the one before had ended";
    for (String name : names) {
      Optional<FileEvidence.Call[]> both = files.overlapping(name);
      if (both.isEmpty()) continue;
      FileEvidence.Call earlier = both.get()[0];
      FileEvidence.Call later = both.get()[1];
      int most = files.mostReadsInFlight(name);
      List<String> evidence = new ArrayList<>();
      evidence.add(
          "the read at "
              + later.job().site()
              + " was queued while the one before it was still "
              + (earlier.job().start() > later.queued() ? "waiting for a pool thread" : "running"));
      evidence.add(
          "every read queued at once stands in the pool's queue in front of the other files'"
              + " work, which then waits for all of them");
      evidence.add(
          "queue the next read from the callback of the one before, as Node's readFile does");
      judge.fail(
          run,
          fact,
          Diagnosis.FLOODED_QUEUE,
          "reads of "
              + name
              + " were queued many at once: up to "
              + most
              + " waited or ran together",
          evidence);
      return;
    }
    judge.pass(run, fact);
  }

  /** The small files' answers came before the big file's. */
  private static void smallFilesFirst(
      Judge judge, Run run, FileEvidence files, List<String> names) {
    String fact = "the small files' answers came before " + names.get(0) + "'s";
    Optional<Run.Printed> big = run.printed(names.get(0) + ":");
    if (big.isEmpty()) {
      judge.fail(run, fact, Diagnosis.WRONG_RESULT, "no answer came for " + names.get(0));
      return;
    }
    for (String small : names.subList(1, names.size())) {
      Optional<Run.Printed> p = run.printed(small + ":");
      if (p.isPresent() && p.get().time() < big.get().time()) continue;
      if (p.isEmpty()) {
        judge.fail(run, fact, Diagnosis.WRONG_RESULT, "no answer came for " + small);
        return;
      }
      String reason =
          small
              + "'s answer came "
              + Math.round((p.get().time() - big.get().time()) / 1e6)
              + " ms after "
              + names.get(0)
              + "'s";
      int most = files.mostReadsInFlight(names.get(0));
      if (most > 1) {
        judge.fail(
            run,
            fact,
            Diagnosis.FLOODED_QUEUE,
            reason,
            "a small file needs a few reads: they waited behind up to "
                + most
                + " reads of "
                + names.get(0)
                + " in the pool's queue",
            "keep one read per file in flight, so that each file gets its turn between two"
                + " chunks");
      } else {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            reason,
            "when each file's reads take turns on the pool, a file that needs a few reads is"
                + " done long before one that needs hundreds");
      }
      return;
    }
    judge.pass(run, fact);
  }

  /** Every descriptor that an open gave was closed. */
  private static void closed(Judge judge, Run run, FileEvidence files, List<String> names) {
    String fact = "every file that was opened was closed with fs().close";
    for (String name : names) {
      List<FileEvidence.Call> open = files.leftOpen(name);
      if (open.isEmpty()) continue;
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          name + "'s descriptor " + open.get(0).fd() + " was never closed",
          "an open descriptor holds a file open until the program ends (the operating system"
              + " allows only so many)",
          "close it with fs().close once the last read is in, then answer");
      return;
    }
    judge.pass(run, fact);
  }

  /** The missing file's error came to the callback, on main. */
  private static void missingFile(Judge judge, Run run, String missing) {
    String fact = missing + "'s error came to the callback, on main";
    List<String> lines = answers(run, missing);
    Optional<Run.Printed> p = run.printed(missing + ":");
    String expected = missing + ": error java.nio.file.NoSuchFileException";
    if (lines.size() == 1 && lines.get(0).equals(expected) && p.isPresent()) {
      judge.check(
          run,
          fact,
          "main".equals(p.get().thread()) && p.get().callback() != null,
          Diagnosis.WRONG_RESULT,
          "the answer for " + missing + " was printed on " + p.get().thread());
      return;
    }
    judge.fail(
        run,
        fact,
        Diagnosis.WRONG_RESULT,
        lines.isEmpty()
            ? "no answer came for " + missing
            : "the answer for " + missing + " is wrong",
        lines.isEmpty()
            ? "hand open's error to the callback: callback.call(error, null)"
            : "it printed: " + Words.quoted(lines.get(0), 72),
        "expected: " + expected);
  }

  /** The lines the host printed for this file. */
  private static List<String> answers(Run run, String name) {
    return run.lines().stream().filter(l -> l.startsWith(name + ": ")).toList();
  }

  /**
   * The CRC-32 of file number {@code file} that {@code java Host seed} makes: the same bytes as
   * {@code Host.write}, made here from the seed.
   */
  static long crc(long seed, int file, long size) {
    CRC32 crc = new CRC32();
    ByteBuffer block = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    long k = 0;
    for (long done = 0; done < size; ) {
      block.clear();
      while (block.remaining() >= 8) block.putLong(mix(seed, file, k++));
      block.flip();
      block.limit((int) Math.min(block.limit(), size - done));
      done += block.remaining();
      crc.update(block);
    }
    return crc.getValue();
  }

  /** {@code Host.mix}: the {@code k}-th 8 bytes of file number {@code file}. */
  static long mix(long seed, int file, long k) {
    long z =
        seed * 0x9E3779B97F4A7C15L + (file + 1) * 0xD1B54A32D192ED03L + k * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
