package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.ArrayBuffer;
import dev.workshop.runtime.Atomics;
import dev.workshop.runtime.DataCloneError;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.SharedBuffer;
import dev.workshop.runtime.Timer;
import dev.workshop.runtime.UncaughtCallbackError;
import dev.workshop.runtime.Worker;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Node's worker_threads: a thread with its own loop, copied messages, errors, exit, terminate. */
@Timeout(60)
class WorkerTest {

  record Reply(String thread, int value) {}

  /** Answers one message with its double and the name of its thread, then closes its port. */
  public static final class Doubler implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      worker.onMessage(
          n -> {
            worker.postMessage(new Reply(Thread.currentThread().getName(), (Integer) n * 2));
            worker.close();
          });
    }
  }

  @Test
  void aMessageGoesToTheWorkersOwnThreadAndTheAnswerComesBackOnTheLoopThread() {
    EventLoop loop = EventLoop.create();
    List<String> log = new ArrayList<>();
    Worker worker = new Worker(loop, Doubler.class);
    worker
        .onMessage(
            m -> {
              Reply r = (Reply) m;
              log.add(
                  r.thread()
                      + " says "
                      + r.value()
                      + ", heard on "
                      + Thread.currentThread().getName());
            })
        .onExit(code -> log.add("exit " + code));
    worker.postMessage(21);
    loop.run(); // the ref'd worker keeps the loop alive until its exit was delivered
    String me = Thread.currentThread().getName();
    assertEquals(List.of(worker.threadName() + " says 42, heard on " + me, "exit 0"), log);
    assertTrue(worker.threadName().matches("worker-\\d+"), worker.threadName());
    assertEquals("worker-" + worker.threadId(), worker.threadName());
    assertFalse(worker.isActive());
    assertEquals(0, worker.exitCode());
  }

  record Basket(String owner, List<String> items, Map<String, Integer> counts, byte[] bytes) {}

  /** Changes everything it receives, and sends it back along with its workerData, also changed. */
  public static final class Scribbler implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      int[] data = (int[]) worker.workerData();
      data[0] = -1;
      worker.onMessage(
          m -> {
            Basket b = (Basket) m;
            b.items().add("added by the worker");
            b.counts().put("apples", 99);
            b.bytes()[0] = 99;
            worker.postMessage(List.of(b, data));
            worker.close();
          });
    }
  }

  @Test
  void messagesAndWorkerDataAreCopiedBothWays() {
    EventLoop loop = EventLoop.create();
    int[] data = {1, 2, 3};
    Basket sent =
        new Basket(
            "main",
            new ArrayList<>(List.of("pear")),
            new java.util.HashMap<>(Map.of("apples", 1)),
            new byte[] {1});
    List<Object> received = new ArrayList<>();
    Worker worker = new Worker(loop, Scribbler.class, data);
    worker.onMessage(received::add);
    worker.postMessage(sent);
    sent.items().add("added after posting"); // the worker got a copy made before this
    loop.run();

    assertEquals(1, received.size());
    List<?> answer = (List<?>) received.get(0);
    Basket back = (Basket) answer.get(0);
    assertNotSame(sent, back);
    assertEquals(List.of("pear", "added by the worker"), back.items());
    assertEquals(Map.of("apples", 99), back.counts());
    assertEquals(99, back.bytes()[0]);
    assertEquals(List.of("pear", "added after posting"), sent.items(), "the sender's list");
    assertEquals(Map.of("apples", 1), sent.counts());
    assertEquals(1, sent.bytes()[0]);
    assertEquals(-1, ((int[]) answer.get(1))[0], "the worker's copy of workerData changed");
    assertTrue(Arrays.equals(new int[] {1, 2, 3}, data), "main's workerData did not");
  }

  /** Echoes every message back, until told "stop". */
  public static final class Echo implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      worker.onMessage(
          m -> {
            if ("stop".equals(m)) {
              worker.close();
            } else {
              worker.postMessage(m);
            }
          });
    }
  }

  static final class NotARecord {
    int x;
  }

  @Test
  void aMessageThatCannotBeCopiedFailsAtPostMessageAndNothingIsSent() {
    EventLoop loop = EventLoop.create();
    List<Object> echoed = new ArrayList<>();
    Worker worker = new Worker(loop, Echo.class);
    worker.onMessage(echoed::add);

    DataCloneError plain =
        assertThrows(DataCloneError.class, () -> worker.postMessage(new NotARecord()));
    assertTrue(plain.getMessage().contains(NotARecord.class.getName()), plain.getMessage());
    assertTrue(plain.getMessage().contains("records"), plain.getMessage());

    DataCloneError nested =
        assertThrows(
            DataCloneError.class,
            () -> worker.postMessage(Map.of("tasks", List.of("a", Thread.currentThread()))));
    assertTrue(nested.getMessage().contains("message.get(tasks)[1]"), nested.getMessage());
    assertTrue(nested.getMessage().contains("java.lang.Thread"), nested.getMessage());

    DataCloneError owned =
        assertThrows(DataCloneError.class, () -> worker.postMessage(List.of(loop.own("secret"))));
    assertTrue(owned.getMessage().contains("LoopOwned"), owned.getMessage());
    assertTrue(owned.getMessage().contains(worker.threadName()), owned.getMessage());

    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    DataCloneError loopy = assertThrows(DataCloneError.class, () -> worker.postMessage(cycle));
    assertTrue(loopy.getMessage().contains("contains itself"), loopy.getMessage());

    DataCloneError handle = assertThrows(DataCloneError.class, () -> worker.postMessage(worker));
    assertTrue(handle.getMessage().contains(Worker.class.getName()), handle.getMessage());

    worker.postMessage("fine");
    worker.postMessage("stop");
    loop.run();
    assertEquals(List.of("fine"), echoed, "only the message that could be copied arrived");
  }

  /** Tries to send something that cannot be copied. */
  public static final class SendsAThread implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      worker.postMessage(Thread.currentThread());
    }
  }

  @Test
  void aWorkerThatPostsSomethingUncopyableGetsAnErrorEventOnMain() {
    EventLoop loop = EventLoop.create();
    List<Object> log = new ArrayList<>();
    Worker worker = new Worker(loop, SendsAThread.class);
    worker.onMessage(log::add).onError(log::add).onExit(log::add);
    loop.run();
    assertEquals(2, log.size(), log.toString());
    assertInstanceOf(DataCloneError.class, log.get(0));
    assertEquals(1, log.get(1));
  }

  /** Adds 1 to each buffer's first byte and sends it back, transferred, until told "stop". */
  public static final class BufferBouncer implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      worker.onMessage(
          m -> {
            if ("stop".equals(m)) {
              worker.close();
              return;
            }
            ArrayBuffer b = (ArrayBuffer) m;
            b.set(0, (byte) (b.get(0) + 1));
            worker.postMessage(b, b);
            worker.postMessage(b.isDetached());
          });
    }
  }

  @Test
  void aTransferredBufferMovesAndTheSendersCopyBecomesUnusable() {
    EventLoop loop = EventLoop.create();
    List<Object> back = new ArrayList<>();
    Worker worker = new Worker(loop, BufferBouncer.class);
    worker.onMessage(back::add);

    ArrayBuffer kept = ArrayBuffer.of((byte) 7);
    worker.postMessage(kept); // no transfer list: copied; fine to keep using
    assertFalse(kept.isDetached());
    assertEquals(7, kept.get(0));

    ArrayBuffer moved = ArrayBuffer.of((byte) 1, (byte) 2);
    worker.postMessage(moved, moved);
    assertTrue(moved.isDetached());
    assertEquals(0, moved.length());
    IllegalStateException gone = assertThrows(IllegalStateException.class, () -> moved.get(0));
    assertTrue(
        gone.getMessage().contains("transferred to " + worker.threadName()), gone.getMessage());
    DataCloneError again =
        assertThrows(DataCloneError.class, () -> worker.postMessage(moved, moved));
    assertTrue(again.getMessage().contains("already transferred"), again.getMessage());
    DataCloneError inside =
        assertThrows(DataCloneError.class, () -> worker.postMessage(List.of(moved)));
    assertTrue(inside.getMessage().contains("message[0] was transferred"), inside.getMessage());
    worker.postMessage("stop");
    loop.run();

    // the worker got the copy (7 -> 8) and the moved buffer (1 -> 2), and sent each back
    // transferred, after which it could not use them
    assertEquals(4, back.size(), back.toString());
    assertEquals(8, ((ArrayBuffer) back.get(0)).get(0));
    assertEquals(true, back.get(1));
    ArrayBuffer returned = (ArrayBuffer) back.get(2);
    assertEquals(2, returned.get(0));
    assertEquals(2, returned.get(1));
    assertEquals(true, back.get(3));
    assertEquals(7, kept.get(0), "the sender's copy did not change");
  }

  /** Throws from a method of its own, so that the stack can be checked. */
  public static final class Exploder implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      worker.loop().setTimeout(0, Exploder::explode);
    }

    static void explode() {
      throw new IllegalStateException("boom in the worker");
    }
  }

  @Test
  void anExceptionInTheWorkerArrivesAsAnErrorEventWithTheWorkersStackThenExitOne() {
    EventLoop loop = EventLoop.create();
    List<Object> log = new ArrayList<>();
    Worker worker = new Worker(loop, Exploder.class);
    worker
        .onError(e -> log.add(e))
        .onExit(code -> log.add("exit " + code + " on " + Thread.currentThread().getName()));
    loop.run();
    assertEquals(2, log.size(), log.toString());
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, log.get(0));
    assertEquals("boom in the worker", e.getMessage());
    assertEquals(Exploder.class.getName(), e.getStackTrace()[0].getClassName());
    assertEquals("explode", e.getStackTrace()[0].getMethodName());
    assertEquals("exit 1 on " + Thread.currentThread().getName(), log.get(1));
  }

  @Test
  void anErrorEventWithoutAHandlerIsUncaughtOnMainAsInNode() {
    EventLoop loop = EventLoop.create();
    Worker worker = new Worker(loop, Exploder.class);
    UncaughtCallbackError e = assertThrows(UncaughtCallbackError.class, loop::run);
    Throwable cause = e.getCause();
    assertTrue(cause.getMessage().contains(worker.threadName()), cause.getMessage());
    assertTrue(cause.getMessage().contains("onError"), cause.getMessage());
    assertEquals("boom in the worker", cause.getCause().getMessage());
    assertFalse(worker.isActive());
  }

  /** Says it started, then sleeps in a callback for a minute. */
  public static final class Sleeper implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      worker.postMessage("started");
      worker
          .loop()
          .setTimeout(
              0,
              () -> {
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException e) {
                  throw new IllegalStateException("interrupted", e);
                }
              });
    }
  }

  @Test
  void terminateEndsASleepingWorkerWithExitOneAndNoErrorAndThenRefusesMessages() {
    EventLoop loop = EventLoop.create();
    List<Object> log = new ArrayList<>();
    Worker worker = new Worker(loop, Sleeper.class);
    worker
        .onMessage(
            m -> {
              log.add(m);
              worker.terminate();
              worker.terminate(); // twice does nothing
            })
        .onError(log::add)
        .onExit(code -> log.add("exit " + code));
    loop.run(); // would last a minute if terminate did not interrupt the sleep
    assertEquals(List.of("started", "exit 1"), log);
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> worker.postMessage("anyone?"));
    assertTrue(
        refused.getMessage().contains(worker.threadName() + " was terminated"),
        refused.getMessage());
  }

  @Test
  void terminateEndsAnIdleWorkerWhosePortKeepsItAlive() {
    EventLoop loop = EventLoop.create();
    List<Object> log = new ArrayList<>();
    Worker worker = new Worker(loop, Echo.class);
    worker.onMessage(
        m -> {
          log.add(m);
          worker.terminate();
        });
    worker.onExit(code -> log.add("exit " + code));
    worker.postMessage("ping");
    loop.run();
    assertEquals(List.of("ping", "exit 1"), log);
    assertThrows(IllegalStateException.class, () -> worker.postMessage("late"));
  }

  /** Waits on the shared buffer until main stores 1 there, then ends. */
  public static final class Waiter implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      SharedBuffer gate = (SharedBuffer) worker.workerData();
      Atomics.wait(gate, 0, 0);
    }
  }

  @Test
  void anUnrefdWorkerDoesNotKeepTheLoopAliveAndRefMakesItWaitAgain() {
    EventLoop loop = EventLoop.create();
    SharedBuffer gate = SharedBuffer.ofInts(1);
    List<String> log = new ArrayList<>();
    Worker worker = new Worker(loop, Waiter.class, gate).unref();
    worker.onExit(code -> log.add("exit " + code));
    loop.run(); // returns at once: the only handle is unref'd
    assertTrue(worker.isActive(), "the worker still waits");
    assertEquals(List.of(), log);

    worker.ref();
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    loop.run(); // now waits for the exit
    assertEquals(List.of("exit 0"), log);
  }

  @Test
  void terminateEndsAWorkerBlockedInAtomicsWait() {
    EventLoop loop = EventLoop.create();
    List<Object> log = new ArrayList<>();
    SharedBuffer gate = SharedBuffer.ofInts(1);
    Worker worker = new Worker(loop, Waiter.class, gate);
    worker.onError(log::add).onExit(log::add);
    loop.setTimeout(0, worker::terminate);
    loop.run(); // nobody ever opens the gate
    assertEquals(List.of(1), log);
  }

  /** Ends with the code it was given. */
  public static final class Quitter implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      worker.loop().setTimeout(0, () -> worker.exit((Integer) worker.workerData()));
      worker.loop().setTimeout(60_000, () -> {}); // exit does not wait for this
    }
  }

  @Test
  void exitEndsTheWorkerAtOnceWithItsCode() {
    EventLoop loop = EventLoop.create();
    List<Object> log = new ArrayList<>();
    new Worker(loop, Quitter.class, 3).onError(log::add).onExit(log::add);
    loop.run();
    assertEquals(List.of(3), log);
  }

  /** Posts five messages, raises a flag, then waits for "stop". */
  public static final class Chatty implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      SharedBuffer flag = (SharedBuffer) worker.workerData();
      for (int i = 0; i < 5; i++) worker.postMessage(i);
      Atomics.store(flag, 0, 1);
      worker.onMessage(m -> worker.close());
    }
  }

  @Test
  void messagesThatArriveBeforeTheHandlerWaitForItInOrder() {
    EventLoop loop = EventLoop.create();
    SharedBuffer flag = SharedBuffer.ofInts(1);
    List<Object> log = new ArrayList<>();
    Worker worker = new Worker(loop, Chatty.class, flag);
    worker.onExit(code -> log.add("exit " + code));
    int[] ticks = {0};
    Timer[] poll = new Timer[1];
    poll[0] =
        loop.setInterval(
            1,
            () -> {
              // the tick after the flag was seen: the five messages have reached this loop
              if (ticks[0] > 0 && ++ticks[0] == 3) {
                poll[0].cancel();
                worker.onMessage(
                    m -> {
                      log.add(m);
                      if (m.equals(4)) worker.postMessage("stop");
                    });
              } else if (ticks[0] == 0 && Atomics.load(flag, 0) == 1) {
                ticks[0] = 1;
              }
            });
    loop.run();
    assertEquals(List.of(0, 1, 2, 3, 4, "exit 0"), log);
  }

  abstract static class Abstract implements WorkerMain {}

  class Inner implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {}
  }

  @Test
  void aWorkerClassThatCannotBeCreatedIsRefusedAtOnce() {
    EventLoop loop = EventLoop.create();
    IllegalArgumentException a =
        assertThrows(IllegalArgumentException.class, () -> new Worker(loop, Abstract.class));
    assertTrue(a.getMessage().contains("abstract"), a.getMessage());
    IllegalArgumentException i =
        assertThrows(IllegalArgumentException.class, () -> new Worker(loop, Inner.class));
    assertTrue(i.getMessage().contains("declare it static"), i.getMessage());
    assertThrows(DataCloneError.class, () -> new Worker(loop, Echo.class, new Object()));
    loop.run(); // nothing was started
  }

  @Test
  void aWorkerIsUsedOnItsParentsLoopThreadOnly() throws Exception {
    EventLoop loop = EventLoop.create();
    Worker worker = new Worker(loop, Echo.class);
    Throwable[] seen = new Throwable[1];
    Thread other =
        new Thread(
            () -> {
              try {
                worker.postMessage("from elsewhere");
              } catch (Throwable t) {
                seen[0] = t;
              }
            },
            "other");
    other.start();
    other.join();
    assertInstanceOf(IllegalStateException.class, seen[0]);
    assertTrue(seen[0].getMessage().contains("Worker.postMessage"), seen[0].getMessage());
    worker.postMessage("stop");
    loop.run();
    assertEquals(0, worker.exitCode());
  }
}
