/**
 * The workshop runtime: an event loop, a thread pool and loop-owned values in plain Java, playing
 * the part that libuv plays under Node.js. Every exercise is a program written against it.
 *
 * <p>Start with {@link dev.workshop.runtime.EventLoop}: create one in the first line of
 * {@code main}, schedule work on it, then call {@link dev.workshop.runtime.EventLoop#run()}.
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.create();
 * loop.setInterval(100, () -> System.out.print(".")).unref();   // main keeps ticking
 * loop.queueWork(() -> slowFibonacci(40),                        // runs on a pool thread
 *     (err, result) -> System.out.println("\n" + result));       // back on main
 * loop.run();                                                    // returns when nothing is left
 * }</pre>
 *
 * <p>The rule that everything else follows from: your callbacks run on one thread, the loop
 * thread, one at a time. Anything slow goes to the {@link dev.workshop.runtime.ThreadPool} with
 * {@link dev.workshop.runtime.EventLoop#queueWork queueWork} or an
 * {@link dev.workshop.runtime.AsyncWorker}, and its result comes back to the loop thread. Data
 * that only the loop thread may touch lives in a {@link dev.workshop.runtime.LoopOwned}.
 *
 * <p>The project's {@code docs/runtime.md} maps every type here to its Node.js and libuv
 * counterpart and lists where Java differs.
 */
package dev.workshop.runtime;
