package dev.workshop.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The probe's report file: one record per line, fields separated by tabs. The probe writes it in
 * the child JVM and the verifier reads it back; keeping both directions in one class keeps them in
 * step. Times are nanoseconds since the probe started; {@code -1} means unknown.
 */
public final class ReportFormat {
  /**
   * {@code start <nanoTime origin> <cores> <schedstat available> <clock>}: the clock is {@code
   * schedstat} (exact) or {@code portable} (estimated wait for a CPU); older reports lack it.
   */
  public static final String START = "start";

  /** {@code loop <started|ended> <t> <thread>}. */
  public static final String LOOP = "loop";

  /**
   * {@code cb <id> <kind> <site> <start> <end> <cpu> <cpuWait> <pause> <finished 1|0> <gc> <allocated>
   * <eden> <runtime>}: one loop callback (id 0, kind {@code MAIN}: the solution's main method before
   * the loop ran). {@code pause} is every VM pause (ns), {@code gc} the part of it that was garbage
   * collection, {@code allocated} the bytes the loop thread allocated meanwhile, {@code eden} the
   * young generation's size when a collection happened, {@code runtime} the runtime's own time
   * (starting the pool) inside the callback.
   */
  public static final String CALLBACK = "cb";

  /**
   * {@code blk <callback id> <samples> <warm-up ns> <kind:ns,...> <dominant kind> <frame> <detail>
   * <finished> <learner ns> <warm-up cpu wait ns>}: what the watchdog saw while a callback ran long;
   * {@code learner ns} is the sampled time with a frame of the learner's on the stack, the last
   * field the part of the warm-up's sampled time the loop thread spent waiting for a CPU (-1 when
   * unknown: the portable clock; older reports lack it).
   */
  public static final String BLOCK = "blk";

  /**
   * {@code job <id> <site> <thread> <start> <end> <thrown class> <on the runtime's pool: true|false>
   * <cpu> <waited> <kind>}: {@code cpu} is the CPU time the job's thread spent on it, ns (-1
   * unknown); {@code waited} how long it waited in the pool's queue, ns (-1 unknown); {@code kind}
   * the runtime's {@code JobKind} ({@code WORK}, {@code READ_FILE}, {@code FS_READ}, {@code
   * LOOKUP}...).
   */
  public static final String JOB = "job";

  /**
   * {@code fcall <job id> <kind> <queued> <fd> <length> <bytes> <path>}: a descriptor-level file
   * call ({@code FS_OPEN}, {@code FS_READ}, {@code FS_CLOSE}) of the pool job with that id: when
   * it was queued (-1 unknown), the descriptor's number (-1 for an open that failed), the bytes a
   * read asked for and got (0 for open and close; -1 for a call that failed) and the file.
   */
  public static final String FILE_CALL = "fcall";

  /**
   * {@code resolve <id> <site> <thread> <start> <end> <thrown class> <runtime thread true|false>}:
   * one {@code resolve} (Node's {@code dns.resolve}), asked on its own thread outside the pool
   * ({@code LookupRecorder}).
   */
  public static final String RESOLVE = "resolve";

  /**
   * {@code qwait <job id> <waited> <cpu wait>}: how long a pool job waited in the pool's queue,
   * ns, and how much of that the pool thread that took it was ready to run but waiting for a CPU,
   * ns (-1 unknown; {@code LookupRecorder}).
   */
  public static final String QUEUE_WAIT = "qwait";

  /** {@code pool <size>}. */
  public static final String POOL = "pool";

  /** {@code conc <largest number of pool jobs at once> <longest queue>}. */
  public static final String CONCURRENCY = "conc";

  /** {@code thread <name> <first seen> <daemon> <frame>}: a thread that is neither the loop's, the pool's nor the JVM's. */
  public static final String THREAD = "thread";

  /** {@code conf <t> <owner> <offender> <frame>}: a loop-owned value touched off the loop thread. */
  public static final String CONFINEMENT = "conf";

  /**
   * {@code uncaught <t> <thread> <exception> <message> <frame> <cause thread> <cause exception>
   * <cause message> <cause frame>}: the cause fields name the innermost cause thrown in the
   * learner's code or by a pool job (its thread, "" when not known), all "" when there is none.
   */
  public static final String UNCAUGHT = "uncaught";

  /** {@code exit <t> <thread> <frame>}: System.exit or Runtime.halt was called from the solution. */
  public static final String EXIT = "exit";

  /** {@code main <t> <returned|threw>}: the solution's main method ended. */
  public static final String MAIN = "main";

  /** {@code stuck <t> <thread> <state> <kind> <frame> <detail>}: what a thread was doing at the deadline. */
  public static final String STUCK = "stuck";

  /** {@code deadlock <t> <cycle description>}. */
  public static final String DEADLOCK = "deadlock";

  /** {@code alive <t> <thread> <frame>}: a non-daemon thread still running after main returned. */
  public static final String ALIVE = "alive";

  /** {@code spawn <t> <pid> <command>}: a process the solution started. */
  public static final String SPAWN = "spawn";

  /** {@code out <t> <byte offset> <length> <thread>}: the solution wrote to standard output. */
  public static final String OUT = "out";

  /**
   * {@code stall <from> <to>}: the stall detector's heartbeat woke up that much later than asked,
   * unexplained by its own wait for a CPU or a collection, and the loop thread made no progress
   * meanwhile: maybe no thread of the JVM ran (SIGSTOP), maybe a long safepoint held them all (a
   * busy machine). The verifier counts it only when a {@link #CONT} record follows.
   */
  public static final String STALL = "stall";

  /**
   * {@code cont <t>}: the JVM received SIGCONT at {@code t}: it had been stopped (SIGSTOP, Ctrl-Z)
   * and runs again. What tells a stop from a long safepoint.
   */
  public static final String CONT = "cont";

  /**
   * {@code ran <t> <thread> <main|loop|pool|runtime|own|jvm> <learner|host> <method>}: the first
   * time a thread ran one of the solution's methods (exact, from the woven bytecode).
   */
  public static final String RAN = "ran";

  /** {@code tstart <t> <thread> <daemon> <starting thread> <site>}: the solution's code started a thread. */
  public static final String THREAD_START = "tstart";

  /** {@code trun <t> <thread> <calling thread> <site>}: {@code run()} called on a Thread instead of {@code start()}. */
  public static final String RUN_CALL = "trun";

  /** {@code facility <t> <what> <thread> <site>}: an executor, a timer or an async task the solution created. */
  public static final String FACILITY = "facility";

  /** {@code proc <t> <pid> <thread> <site> <command>}: the solution's code started a process. */
  public static final String PROCESS = "proc";

  /**
   * {@code self <pid> <parent pid> <role>}: the JVM this report is from; the role is {@code main}
   * (the program the verifier started), {@code fork} ({@code loop.fork}) or {@code cluster-worker}
   * ({@code Cluster.fork}). A forked JVM's probe reports on a connection of its own.
   */
  public static final String SELF = "self";

  /**
   * {@code child <t> <pid> <parent pid> <kind> <thread> <site> <command>}: the runtime started a
   * child process ({@code spawn}, {@code fork}, {@code cluster-worker}), from that loop thread and
   * call site of the solution's.
   */
  public static final String CHILD = "child";

  /**
   * {@code cexit <t> <pid> <exit code> <ended by the runtime true|false>}: a child the runtime
   * started has exited (128 + N: ended by signal N).
   */
  public static final String CHILD_EXIT = "cexit";

  /**
   * {@code ipc <t> <sent|received> <from pid> <to pid> <type> <bytes> <thread>}: a message between
   * processes ({@code child.send}, {@code parent.send}), on the thread that sent or received it.
   */
  public static final String IPC = "ipc";

  /** {@code wait <callback id> <kind> <ns> <site>}: exact blocking time on the loop thread in a callback, per kind and line. */
  public static final String WAIT = "wait";

  /**
   * {@code spin <callback id> <polls> <first> <last> <cpu> <site>}: a callback on the loop thread
   * made at least {@link #SPIN_MIN_POLLS} busy-wait calls (clock reads, spin hints, {@code
   * isDone}), the first and the last at report times {@code first} and {@code last}, with {@code
   * cpu} ns of the thread's CPU time from the first to the callback's end (-1 when unknown);
   * {@code site} is the first one's line. A busy wait lasts as long as the clock says, however little CPU it got.
   */
  public static final String SPIN = "spin";

  /** How many busy-wait calls in one callback make it a busy wait (a timed callback makes 2). */
  public static final int SPIN_MIN_POLLS = 1000;

  /** {@code exitcall <t> <status> <thread> <site>}: the solution's code called System.exit or Runtime.halt. */
  public static final String EXIT_CALL = "exitcall";

  /**
   * {@code loopnew <t> <thread> <script>}: {@code EventLoop.create()} was called; {@code script}
   * is 1 when on the main script's thread (the program's loop; a Worker's own loop is 0).
   */
  public static final String LOOP_NEW = "loopnew";

  /** {@code looprun <t> <thread> <site>}: {@code loop.run()} was called. */
  public static final String LOOP_RUN = "looprun";

  /**
   * {@code worker <t> <id> <thread> <parent thread> <main class> <site>}: the solution started a
   * {@code Worker} (see {@code WorkerRecorder}); {@code site} is the line of {@code new Worker}.
   */
  public static final String WORKER = "worker";

  /**
   * {@code wexit <t> <thread> <exit code> <error class> <error message> <frame>}: a worker's
   * thread ended; the error fields are empty when it threw nothing.
   */
  public static final String WORKER_EXIT = "wexit";

  /**
   * {@code wback <t> <worker thread> <worker started at> <main's CPU since, ns or -1>}: the
   * program's loop started at {@code t}, after its main script had started that worker; the CPU
   * its thread used from the worker's start until then (see {@code BackToTheLoop}).
   */
  public static final String WORKER_BACK = "wback";

  /**
   * {@code wcb <thread> <id> <kind> <site> <start> <end> <cpu> <thrown class>}: a callback that ran
   * on a worker's own loop (id 0, kind {@code MAIN}: the worker's main, from its start to its
   * loop's); never part of the program's loop's {@code cb} records.
   */
  public static final String WORKER_CALLBACK = "wcb";

  /**
   * {@code msg <t> posted <id> <worker id> <to worker 1|0> <sender thread> <type> <site> <sent
   * identity> <copy identity> <content hash> <shared mutable objects> <shared buffer ids> <moved
   * buffers> <id of the last message that posted the same object, or -1>} and {@code msg <t> received <id> <receiver thread> <copy identity> <copy's content
   * hash then> <sender's object's content hash then>}: a worker message, posted and handed to
   * {@code onMessage}. Identities are {@code System.identityHashCode}; hashes are over content
   * ({@code MessageFingerprint}), empty when unreadable.
   */
  public static final String MESSAGE = "msg";

  /**
   * {@code shm <thread> <role> <buffer id> <OPERATION:count,...>}: how many times a thread read
   * or wrote a {@code SharedBuffer}, per operation ({@code SharedAccess}), and {@code BARE_NOTIFY}:
   * its notifies with no change of the buffer by that thread since its previous notify; written at
   * the end and at the deadline (the last one counts).
   */
  public static final String SHARED = "shm";

  /**
   * {@code shmsite <site> <thread> <role> <GET|SET> <buffer id, -1 for several> <count> <lowest
   * index> <highest index>}: how many plain {@code SharedBuffer.get} or {@code set} calls one call
   * site of the solution made on one thread ({@code SharedSiteRecorder}); written with {@link
   * #SHARED}.
   */
  public static final String SHARED_SITE = "shmsite";

  /**
   * {@code sock <t> <connection> <kind> <remote port> <queued bytes> <thread> <call> <site>}: a TCP
   * connection's pause, resume, drain, first call off the loop thread ({@code OFF_LOOP}, with the
   * method called), or its first refused write after a drain ({@code WRITE_REFUSED}); see {@code
   * SocketRecorder}.
   */
  public static final String SOCKET = "sock";

  /**
   * {@code sockconn <connection> <remote port> <most bytes queued> <writes> <refused writes>
   * <closed 1|0> <calls off the loop thread>}: one TCP connection's summary, when it closed, else
   * at the deadline and at shutdown (the last one counts). Only the first call off the loop thread
   * per connection has a {@code sock} record of its own.
   */
  public static final String SOCKET_CONNECTION = "sockconn";

  /**
   * {@code pwait <thread> <kind> <site> <count> <total ns> <longest ns> <first start> <open since>}:
   * a pool thread waited for a future inside a pool job ({@code kind} {@code waiting-future} or
   * {@code waiting} from the woven blocking calls, {@code busy-wait} for a job that called {@code
   * Future.isDone} at least {@link #SPIN_MIN_POLLS} times), at {@code site}; {@code open since} is
   * when the wait still going on when the row was written began (-1: none). Written at the
   * deadline, at shutdown and when the probe stops a starved run: keep the last row per thread,
   * kind and site.
   */
  public static final String POOL_WAIT = "pwait";

  /**
   * {@code starve <t> <since> <pool size> <queue length> <waiting> <queued>}: pool starvation,
   * once per run: every pool thread waited for a future inside a job while jobs waited in the
   * queue. {@code waiting} is one line per pool thread, {@code thread TAB kind TAB site TAB
   * since}; {@code queued} one line per line that queued the waiting jobs, {@code count TAB site
   * TAB oldest queued at}. The run's {@code end} record says {@code starved} when the probe ended
   * the run for it.
   */
  public static final String STARVATION = "starve";

  /** {@code end <t> <why>}: the probe's last word (shutdown, or the deadline snapshot). */
  public static final String END = "end";

  private ReportFormat() {}

  /** Joins fields into one line, escaping tabs, newlines and backslashes. */
  public static String line(Object... fields) {
    StringBuilder b = new StringBuilder(64);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) b.append('\t');
      String s = String.valueOf(fields[i]);
      for (int k = 0; k < s.length(); k++) {
        char c = s.charAt(k);
        switch (c) {
          case '\t' -> b.append("\\t");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\\' -> b.append("\\\\");
          default -> b.append(c);
        }
      }
    }
    return b.toString();
  }

  /** Splits a line written by {@link #line(Object...)} back into its fields. */
  public static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        out.add(b.toString());
        b.setLength(0);
      } else if (c == '\\' && i + 1 < line.length()) {
        char n = line.charAt(++i);
        b.append(
            switch (n) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        b.append(c);
      }
    }
    out.add(b.toString());
    return out;
  }
}
