package dev.workshop.runtime.instrument;

/**
 * Receives what the runtime does, as it does it: every loop callback, every pool job and every
 * off-thread touch of a loop-owned value.
 *
 * <p>This is how the workshop's verifier watches a solution without changing a line of it. A
 * learner never needs to implement this interface; it is documented so that you can see exactly
 * what the verifier sees.
 *
 * <p>Methods are called synchronously on the thread where the event happens (the loop thread for
 * callbacks, a pool thread for jobs), some of them while the runtime holds a lock, so
 * implementations must be quick, must not block, must not throw, and must not call back into the
 * runtime. Every method has an empty default: override only what you need. Install a listener
 * with {@link Instrumentation#install(RuntimeListener)}.
 *
 * <p>Only your callbacks are reported, not the runtime's own plumbing: a request that gets an
 * automatic {@code 404} runs no callback of yours and so reports none.
 */
public interface RuntimeListener {

  /**
   * A loop was created: {@code EventLoop.create()} was called (by your code, or by a
   * {@code Worker} for its own loop). Called on the thread that created it, which owns the loop.
   *
   * @param loopThread the thread that created the loop and may run it
   */
  default void loopCreated(Thread loopThread) {}

  /**
   * The loop started running: {@code EventLoop.run()} was called. Called on the loop thread.
   *
   * @param loopThread the thread that runs the loop
   */
  default void loopStarted(Thread loopThread) {}

  /**
   * The loop's {@code run()} is returning, on the loop thread: either nothing was pending any
   * more, or the run stopped on an error, such as a callback that threw (then this comes after
   * that callback's {@link #callbackEnded callbackEnded}).
   *
   * @param loopThread the thread that ran the loop
   */
  default void loopEnded(Thread loopThread) {}

  /**
   * One of your callbacks is about to run, on the loop thread. Exactly one
   * {@link #callbackEnded callbackEnded} with the same event follows before the next callback
   * starts, because the loop runs one callback at a time.
   *
   * @param callback which callback, why it runs and where you scheduled it
   */
  default void callbackStarted(CallbackEvent callback) {}

  /**
   * The callback returned or threw, on the loop thread. A throw then ends {@code run()}.
   *
   * @param callback the same event as in {@link #callbackStarted callbackStarted}
   * @param thrown what the callback threw, or {@code null} when it returned normally
   */
  default void callbackEnded(CallbackEvent callback, Throwable thrown) {}

  /**
   * A job entered the pool's queue, on the thread that queued it: the loop thread for
   * {@code queueWork} and a {@code readFile}'s first chunk, a pool thread for a
   * {@code readFile}'s later chunks (each chunk is a job of its own). Called with the pool's lock
   * held.
   *
   * @param job the job, with your call site
   * @param queueLength how many jobs wait for a pool thread now, this one included
   */
  default void jobQueued(JobEvent job, int queueLength) {}

  /**
   * A pool thread took the job and is about to run it; called on that pool thread, with the
   * pool's lock held.
   *
   * @param job the same event as in {@link #jobQueued jobQueued}
   * @param running how many jobs run at once now, this one included
   */
  default void jobStarted(JobEvent job, int running) {}

  /**
   * The job's work returned or threw, on the pool thread that ran it. This comes before the
   * job's after-work callback is handed to the loop.
   *
   * @param job the same event as in {@link #jobStarted jobStarted}
   * @param thrown what the work threw, or {@code null} when it returned normally
   */
  default void jobEnded(JobEvent job, Throwable thrown) {}

  /**
   * The pool started its threads, on its first use; called once per program, on the thread
   * that made that first use, with the pool's lock held.
   *
   * @param size the number of pool threads
   */
  default void poolStarted(int size) {}

  /**
   * A thread other than the loop's touched a loop-owned value. Called on the offending thread,
   * just before the runtime throws its {@code ConfinementError}.
   *
   * @param violation the owner, the offender and the offender's stack
   */
  default void confinementViolation(ConfinementEvent violation) {}

  /**
   * The runtime is about to start one of its own threads: a pool thread ({@code pool-N}), a
   * thread that reads a spawned process's output, or a {@code resolve}'s {@code dns-N}. Called on the thread that starts it, before
   * {@code thread.start()}. It tells the runtime's threads from the ones your code starts by
   * identity, not by name: naming your own thread {@code pool-1} does not make it the pool's.
   *
   * @param thread the runtime's thread, not started yet
   */
  default void runtimeThreadStarting(Thread thread) {}

  /**
   * The runtime starts looking for the line of yours that called it (a stack walk), to name it in
   * an event. It does so only while a listener is installed, so the time until {@link
   * #callSiteEnded callSiteEnded} is the listener's cost, not your code's: with no listener, the
   * same call costs no walk at all. Called on the calling thread; each call is followed by exactly
   * one {@code callSiteEnded} on the same thread.
   */
  default void callSiteStarted() {}

  /** The stack walk begun by {@link #callSiteStarted callSiteStarted} is done, on the same thread. */
  default void callSiteEnded() {}

  /**
   * The pool's threads have all been started, after {@link #poolStarted poolStarted}. The time
   * between the two is the runtime's (starting threads), not the caller's. Called on the thread
   * that started the pool, with the pool's lock held.
   *
   * @param size the number of threads started
   */
  default void poolReady(int size) {}

  /**
   * How long a pool job waited in the pool's queue, from {@link #jobQueued jobQueued} until a
   * pool thread took it. Called on that pool thread right after {@link #jobStarted jobStarted},
   * with the pool's lock held. Jobs that waited long mean the pool's threads were all busy: slow
   * lookups or long work starving file reads, say. Not called for a job queued before the
   * listener was installed.
   *
   * @param job the same event as in {@link #jobStarted jobStarted}
   * @param waitedNanos the time in the queue, in nanoseconds ({@link System#nanoTime()})
   */
  default void jobWaited(JobEvent job, long waitedNanos) {}

  /**
   * A {@code resolve} (Node's {@code dns.resolve}) is about to ask for a name, on its own thread
   * (named {@code dns-N}, announced by {@link #runtimeThreadStarting runtimeThreadStarting}),
   * outside the pool.
   *
   * @param job the query, of kind {@link JobKind#RESOLVE}, with your call site
   */
  default void resolveStarted(JobEvent job) {}

  /**
   * The {@code resolve} got its answer or failed, on the same thread as {@link #resolveStarted
   * resolveStarted}; its callback is handed to the loop next.
   *
   * @param job the same event as in {@link #resolveStarted resolveStarted}
   * @param thrown why it failed (an unknown name, say), or {@code null} when it succeeded
   */
  default void resolveEnded(JobEvent job, Throwable thrown) {}

  /**
   * A descriptor-level file call ({@code fs().open}, {@code fs().read} or {@code fs().close}) did
   * its system call, on the pool thread that runs its job, before that job's {@link #jobEnded
   * jobEnded}. It tells which file each job touched and how many bytes a read moved, so that a
   * {@code readFile} built from these calls can be followed chunk by chunk.
   *
   * @param job the job, of kind {@link JobKind#FS_OPEN}, {@link JobKind#FS_READ} or {@link
   *     JobKind#FS_CLOSE}
   * @param fd the descriptor's number ({@code FileDescriptor.fd()}), or -1 when an open failed
   * @param path the file, as it was given to {@code open}
   * @param length for a read, how many bytes it asked for; 0 for an open or a close
   * @param bytes for a read, how many bytes it read (0 at the end of the file); 0 for an open or a
   *     close that succeeded; -1 for any call that failed
   */
  default void fileCall(JobEvent job, int fd, String path, int length, int bytes) {}

  // --- worker threads and shared memory ------------------------------------------------------

  /**
   * A worker is about to start: its thread exists but has not started yet. Called on the thread
   * that created the worker (the parent's loop thread), before {@code thread.start()}. The
   * worker's thread runs your code (the worker's {@code main} and its loop's callbacks), so it is
   * not reported to {@link #runtimeThreadStarting runtimeThreadStarting}. Its loop reports to
   * {@link #loopStarted loopStarted} and the callback hooks like any loop, on the worker's thread.
   *
   * @param worker the worker's number, thread, parent thread, main class and call site
   */
  default void workerStarting(WorkerEvent worker) {}

  /**
   * A worker's thread has started: {@code thread.start()} returned. Called on the thread that
   * created the worker, right after {@link #workerStarting workerStarting}; the time between the
   * two is the operating system's, creating and scheduling a thread (tens of ms on a busy
   * machine), not the caller's code.
   *
   * @param worker the same event as in {@link #workerStarting workerStarting}
   */
  default void workerStarted(WorkerEvent worker) {}

  /**
   * A worker's thread is about to end, on that thread: its loop ran out of work, its code called
   * {@code exit}, it threw, or it was terminated. The parent's {@code onExit} runs later, on the
   * parent's loop thread.
   *
   * @param worker the same event as in {@link #workerStarting workerStarting}
   * @param exitCode the code its {@code onExit} will receive: 0 when the loop ran out of work, 1
   *     after an uncaught exception or {@code terminate()}, or what the worker passed to {@code
   *     exit}
   * @param error what the worker threw, or {@code null} when it threw nothing (a terminated
   *     worker reports {@code null})
   */
  default void workerExited(WorkerEvent worker, int exitCode, Throwable error) {}

  /**
   * A message was copied and is on its way, on the sender's thread, after the copy succeeded (a
   * message that cannot be copied is not reported: {@code postMessage} threw).
   *
   * @param message which worker, which way, what was shared or transferred, and the call site
   */
  default void messagePosted(MessageEvent message) {}

  /**
   * The objects of a message: what the sender passed to {@code postMessage}, and the copy the
   * receiver's {@code onMessage} will get. Called on the sender's thread right before {@link
   * #messagePosted messagePosted}, with the same event. Immutable parts (strings, numbers, enums)
   * and {@code SharedBuffer}s are the same objects in both; everything else is a new object in
   * the copy. Keep no reference longer than the message is in flight, and do not change either.
   *
   * @param message the same event as in {@link #messagePosted messagePosted}
   * @param sent the sender's object
   * @param copy the receiver's copy
   */
  default void messageCopied(MessageEvent message, Object sent, Object copy) {}

  /**
   * A message is about to be handed to the receiver's {@code onMessage}, on the receiver's loop
   * thread, just before that callback's {@link #callbackStarted callbackStarted}.
   *
   * @param message the same event as in {@link #messagePosted messagePosted}
   */
  default void messageReceived(MessageEvent message) {}

  /**
   * A {@code SharedBuffer} was read or written, on the thread that did it, before the access.
   * This is called for every access, so it must be very quick.
   *
   * @param bufferId the buffer's id ({@code SharedBuffer.id()})
   * @param access which operation: atomic or plain
   * @param index the element's index
   */
  default void sharedMemoryAccess(int bufferId, SharedAccess access, int index) {}

  /**
   * The runtime started a child process ({@code spawn}, {@code fork} or a cluster worker).
   * Called on the loop thread that started it, right after the operating system did.
   *
   * @param process its pid, its parent's pid, its kind, its command and your call site
   */
  default void processStarted(ProcessEvent process) {}

  /**
   * The command line of a JVM the runtime is about to fork ({@code loop.fork}, {@code
   * Cluster.fork}): {@code java}, this JVM's options, {@code -cp}, the class path, the runtime's
   * {@code ForkLauncher}, then the main class and its arguments. Return the command to run
   * instead (a tool runs the child under its own agent or launcher this way), or {@code command}
   * unchanged. Called on the loop thread that forks, before the process starts.
   *
   * @param command the command the runtime would run; do not change this list
   * @return the command to run; it must still run the runtime's {@code ForkLauncher} with the
   *     main class and its arguments, so that the child connects its message channel
   */
  default java.util.List<String> forkCommand(java.util.List<String> command) {
    return command;
  }

  /**
   * What the runtime writes on a forked JVM's standard input, as one line, before it closes it (a
   * forked child's standard input otherwise reads end-of-file at once). Called on the loop thread
   * that forks, right after the process started, before {@link #processStarted processStarted}.
   *
   * @param pid the forked JVM's process id
   * @return the line, without its newline, or {@code null} to write nothing
   */
  default String forkInput(long pid) {
    return null;
  }

  /**
   * A child process the runtime started has exited, and its output has all been delivered.
   * Called on the loop thread, just before your exit callback (if any). The exit code is 128 + N
   * for a process ended by signal N.
   *
   * @param process the same event as in {@link #processStarted processStarted}
   * @param exitCode its exit code
   * @param endedByRuntime {@code true} when the runtime ended it because the loop that started it
   *     ended (or the JVM exited) before the child had: a child nobody waited for
   */
  default void processExited(ProcessEvent process, int exitCode, boolean endedByRuntime) {}

  /**
   * A message to another process was copied and queued to be sent ({@code child.send} or {@code
   * parent.send}). Called on the sending thread, the sender's loop thread.
   *
   * @param message who sends, to whom, what type and how many bytes
   */
  default void processMessageSent(ProcessMessageEvent message) {}

  /**
   * A message from another process is about to be handed to your message callback. Called on
   * the receiving loop thread, just before that callback.
   *
   * @param message who sent it, to whom, what type and how many bytes
   */
  default void processMessageReceived(ProcessMessageEvent message) {}

  // --- sockets -------------------------------------------------------------------------------

  /**
   * A TCP connection's write, pause, resume or drain, or a call made on it off the loop thread
   * (just before that call throws). Called on the thread that made the call (the loop thread,
   * except for {@link SocketEvent.Kind#OFF_LOOP OFF_LOOP}); {@code DRAIN} and {@code CLOSED} on
   * the loop thread. Writes are reported one by one, so this must be quick. Connections that an
   * {@code HttpServer} owns report nothing.
   *
   * @param event which connection, what happened, the bytes kept and your call site
   */
  default void socketEvent(SocketEvent event) {}
}
