package dev.workshop.verifier.report;

import dev.workshop.probe.ReportFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the probe saw of worker threads ({@code Worker}): each worker, the callbacks its own loop
 * ran, the messages between it and its parent, and per-thread counts of shared-memory accesses.
 * Read from the {@code worker}, {@code wexit}, {@code wcb}, {@code msg} and {@code shm} records
 * ({@link ReportFormat}); reached through {@link ProbeReport#workers()}.
 *
 * <p>A worker's callbacks are never among {@link ProbeReport#callbacks()}, which are the program's
 * loop thread's only: a worker's work is not charged to main. Which of the solution's methods a
 * worker's thread ran is in {@link ProbeReport#ran()}, with the role {@code worker}.
 *
 * <p>Times are nanoseconds on the report's clock; {@code -1} means unknown.
 */
public final class WorkerEvidence {

  /**
   * A worker the solution started.
   *
   * @param id its thread id ({@code Worker.threadId()}, from 1)
   * @param thread its thread's name ({@code worker-N})
   * @param parent the thread that created it (the parent's loop thread)
   * @param mainClass its {@code WorkerMain} class
   * @param site the line of {@code new Worker}, as the verdict words frames
   * @param startedAt when it was started
   * @param endedAt when its thread ended, -1 when it had not by the end of the report
   * @param exitCode its exit code, -1 when it had not ended
   * @param error the class of what it threw, empty when nothing
   * @param errorMessage what it threw's message, empty when nothing
   * @param errorFrame the learner's frame of what it threw, empty when none
   */
  public record Worker(
      int id,
      String thread,
      String parent,
      String mainClass,
      String site,
      long startedAt,
      long endedAt,
      int exitCode,
      String error,
      String errorMessage,
      String errorFrame) {
    /** Whether its thread ended before the report did. */
    public boolean ended() {
      return endedAt >= 0;
    }
  }

  /**
   * A callback a worker's own loop ran, on that worker's thread; id 0 of kind {@code MAIN} is the
   * worker's {@code main}, from the worker's start until its loop started.
   *
   * @param thread the worker's thread
   * @param kind the runtime's {@code CallbackKind} name, or {@code MAIN}
   * @param site where the callback was scheduled (a {@code setTimeout}, an {@code onMessage}...)
   * @param cpu its thread's CPU time in it, ns, -1 when unknown
   * @param thrown the class of what it threw, empty when nothing
   */
  public record Callback(
      String thread,
      long id,
      String kind,
      String site,
      long start,
      long end,
      long cpu,
      String thrown) {
    public boolean mainScript() {
      return id == 0 && kind.equals("MAIN");
    }
  }

  /**
   * A message between a worker and its parent, posted and (when {@link #received()}) handed to
   * the receiver's {@code onMessage}.
   *
   * @param id the runtime's message id
   * @param worker the worker's id
   * @param toWorker whether the parent sent it to the worker (else the worker to its parent)
   * @param from the sending thread
   * @param to the receiving thread, by name: the worker's thread or its parent
   * @param type the class of the object the sender passed
   * @param site the sender's line ({@code postMessage})
   * @param postedAt when it was posted
   * @param sentIdentity {@code System.identityHashCode} of the sender's object
   * @param copyIdentity {@code System.identityHashCode} of the receiver's copy
   * @param postedHash the content hash of the sender's object as posted, null when unreadable
   * @param sharedMutable how many mutable objects of the copy are the sender's own (0 when truly
   *     copied; -1 unknown)
   * @param sharedBuffers the ids of the {@code SharedBuffer}s it carried (shared on purpose)
   * @param transferred how many {@code ArrayBuffer}s it moved
   * @param receivedAt when the receiver's {@code onMessage} got it, -1 when it never did
   * @param receivedOn the thread that got it, empty when none
   * @param receivedHash the content hash of the copy when the receiver got it
   * @param senderHashThen the content hash of the sender's object at that moment (it may have
   *     changed it since it posted), null when unreadable; read across threads, so a change the
   *     sender made may not be visible yet
   * @param postedAgainChanged the sender posted the same object again later, and its content had
   *     changed by then (both read on the sender's own thread: exact)
   */
  public record Message(
      long id,
      int worker,
      boolean toWorker,
      String from,
      String to,
      String type,
      String site,
      long postedAt,
      int sentIdentity,
      int copyIdentity,
      Long postedHash,
      int sharedMutable,
      List<Integer> sharedBuffers,
      int transferred,
      long receivedAt,
      String receivedOn,
      Long receivedHash,
      Long senderHashThen,
      boolean postedAgainChanged) {
    public boolean received() {
      return receivedAt >= 0;
    }

    /** The receiver got a copy: none of the sender's mutable objects reached it. */
    public boolean copied() {
      return sharedMutable == 0;
    }

    /** The receiver's copy held what the sender posted, when it got it (known only when received). */
    public boolean receiverGotWhatWasPosted() {
      return received() && postedHash != null && postedHash.equals(receivedHash);
    }

    /**
     * The sender changed its object after posting it: seen when it posted the same object again,
     * or when the receiver got the message.
     */
    public boolean senderChangedItAfterPosting() {
      return postedAgainChanged || changedBeforeReceived();
    }

    /** The sender's object was seen changed when the receiver got the message. */
    public boolean changedBeforeReceived() {
      return received()
          && postedHash != null
          && senderHashThen != null
          && !postedHash.equals(senderHashThen);
    }

    Message postedAgain(boolean changed) {
      return new Message(
          id,
          worker,
          toWorker,
          from,
          to,
          type,
          site,
          postedAt,
          sentIdentity,
          copyIdentity,
          postedHash,
          sharedMutable,
          sharedBuffers,
          transferred,
          receivedAt,
          receivedOn,
          receivedHash,
          senderHashThen,
          postedAgainChanged || changed);
    }
  }

  /**
   * How many times one thread touched one {@code SharedBuffer}, per operation.
   *
   * @param role {@code main}, {@code loop}, {@code worker}, {@code pool}, {@code own} or {@code
   *     runtime}
   * @param counts per {@code SharedAccess} name ({@code LOAD}, {@code GET}...), only those not 0;
   *     and {@code BARE_NOTIFY}: notifies with no change by this thread since its previous one
   */
  public record SharedAccesses(String thread, String role, int buffer, Map<String, Long> counts) {
    private static final List<String> PLAIN = List.of("GET", "SET");

    public long atomic() {
      return counts.entrySet().stream()
          .filter(e -> !PLAIN.contains(e.getKey()) && !e.getKey().equals("BARE_NOTIFY"))
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    public long plain() {
      return counts.entrySet().stream()
          .filter(e -> PLAIN.contains(e.getKey()))
          .mapToLong(Map.Entry::getValue)
          .sum();
    }
  }

  /**
   * The program's loop started after its main script had started a worker ({@code wback}).
   *
   * @param worker the worker's thread
   * @param startedAt when the worker's thread was started
   * @param loopAt when main's loop started
   * @param cpu the CPU time main's thread used in between, ns; -1 when unknown
   */
  public record BackToTheLoop(String worker, long startedAt, long loopAt, long cpu) {}

  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Map<String, BackToTheLoop> back = new LinkedHashMap<>();
  private final List<Callback> callbacks = new ArrayList<>();
  private final Map<Long, Message> messages = new LinkedHashMap<>();
  private final Map<String, SharedAccesses> shared = new LinkedHashMap<>();
  private final SharedSites sharedSites = new SharedSites();

  WorkerEvidence() {}

  /** Reads one record of the kinds above; {@link ReportParser} skips a line that throws. */
  void add(List<String> f) {
    switch (f.get(0)) {
      case ReportFormat.WORKER ->
          workers.put(
              f.get(3),
              new Worker(
                  Integer.parseInt(f.get(2)),
                  f.get(3),
                  f.get(4),
                  f.get(5),
                  f.get(6),
                  l(f, 1),
                  -1,
                  -1,
                  "",
                  "",
                  ""));
      case ReportFormat.WORKER_EXIT -> {
        Worker w = workers.get(f.get(2));
        if (w != null) {
          workers.put(
              w.thread(),
              new Worker(
                  w.id(),
                  w.thread(),
                  w.parent(),
                  w.mainClass(),
                  w.site(),
                  w.startedAt(),
                  l(f, 1),
                  Integer.parseInt(f.get(3)),
                  f.get(4),
                  f.get(5),
                  f.get(6)));
        }
      }
      case ReportFormat.WORKER_CALLBACK ->
          callbacks.add(
              new Callback(
                  f.get(1), l(f, 2), f.get(3), f.get(4), l(f, 5), l(f, 6), l(f, 7), f.get(8)));
      case ReportFormat.MESSAGE -> message(f);
      case ReportFormat.SHARED -> {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String kv : f.get(4).split(",")) {
          int colon = kv.indexOf(':');
          if (colon > 0)
            counts.put(kv.substring(0, colon), Long.parseLong(kv.substring(colon + 1)));
        }
        SharedAccesses s =
            new SharedAccesses(f.get(1), f.get(2), Integer.parseInt(f.get(3)), counts);
        shared.put(s.thread() + "\t" + s.buffer(), s); // the last word (shutdown after deadline)
      }
      case ReportFormat.SHARED_SITE -> sharedSites.add(f);
      case ReportFormat.WORKER_BACK ->
          back.put(f.get(2), new BackToTheLoop(f.get(2), l(f, 3), l(f, 1), l(f, 4)));
      default -> {}
    }
  }

  private void message(List<String> f) {
    long id = l(f, 3);
    if (f.get(2).equals("posted")) {
      int worker = Integer.parseInt(f.get(4));
      boolean toWorker = f.get(5).equals("1");
      List<Integer> buffers = new ArrayList<>();
      for (String b : f.get(13).split(",")) if (!b.isEmpty()) buffers.add(Integer.parseInt(b));
      messages.put(
          id,
          new Message(
              id,
              worker,
              toWorker,
              f.get(6),
              receiver(worker, toWorker),
              f.get(7),
              f.get(8),
              l(f, 1),
              integer(f.get(9)),
              integer(f.get(10)),
              hash(f.get(11)),
              Integer.parseInt(f.get(12)),
              List.copyOf(buffers),
              Integer.parseInt(f.get(14)),
              -1,
              "",
              null,
              null,
              false));
      long previous = f.size() > 15 ? l(f, 15) : -1;
      Message before = messages.get(previous);
      if (before != null) {
        Long now = hash(f.get(11));
        boolean changed =
            before.postedHash() != null && now != null && !before.postedHash().equals(now);
        messages.put(previous, before.postedAgain(changed));
      }
    } else if (f.get(2).equals("received")) {
      Message m = messages.get(id);
      if (m == null) return;
      messages.put(
          id,
          new Message(
              m.id(),
              m.worker(),
              m.toWorker(),
              m.from(),
              f.get(4),
              m.type(),
              m.site(),
              m.postedAt(),
              m.sentIdentity(),
              integer(f.get(5)),
              m.postedHash(),
              m.sharedMutable(),
              m.sharedBuffers(),
              m.transferred(),
              l(f, 1),
              f.get(4),
              hash(f.get(6)),
              hash(f.get(7)),
              m.postedAgainChanged()));
    }
  }

  private String receiver(int worker, boolean toWorker) {
    for (Worker w : workers.values()) {
      if (w.id() == worker) return toWorker ? w.thread() : w.parent();
    }
    return "";
  }

  private static int integer(String s) {
    return s.isEmpty() ? 0 : Integer.parseInt(s);
  }

  private static Long hash(String s) {
    return s.isEmpty() ? null : Long.valueOf(s);
  }

  private static long l(List<String> f, int i) {
    return Long.parseLong(f.get(i));
  }

  /** Every worker the solution started, in order. */
  public List<Worker> workers() {
    return List.copyOf(workers.values());
  }

  /** The worker whose thread has this name. */
  public Optional<Worker> worker(String thread) {
    return Optional.ofNullable(workers.get(thread));
  }

  /** Whether a thread of this name was a worker's (a thread named so by the solution is not). */
  public boolean isWorkerThread(String thread) {
    return workers.containsKey(thread);
  }

  /** Every callback of every worker's loop, and their mains, in the order they ended. */
  public List<Callback> callbacks() {
    return List.copyOf(callbacks);
  }

  /** The callbacks one worker's thread ran (its main first). */
  public List<Callback> callbacksOn(String thread) {
    return callbacks.stream().filter(c -> c.thread().equals(thread)).toList();
  }

  /**
   * When main's loop started after its main script started this worker, and the CPU main used in
   * between; empty when the worker was started later (in a callback), or main never got back to
   * its loop.
   */
  public Optional<BackToTheLoop> backToTheLoop(String workerThread) {
    return Optional.ofNullable(back.get(workerThread));
  }

  /** Every message, in the order they were posted. */
  public List<Message> messages() {
    return List.copyOf(messages.values());
  }

  /** The messages a thread's {@code onMessage} got, in the order it got them. */
  public List<Message> receivedOn(String thread) {
    return messages.values().stream()
        .filter(m -> m.received() && m.receivedOn().equals(thread))
        .sorted(java.util.Comparator.comparingLong(Message::receivedAt))
        .toList();
  }

  /** Shared-memory accesses, one entry per thread and buffer. */
  public List<SharedAccesses> sharedAccesses() {
    return List.copyOf(shared.values());
  }

  /** The solution's plain shared-memory calls, per call site and thread. */
  public SharedSites sharedSites() {
    return sharedSites;
  }
}
