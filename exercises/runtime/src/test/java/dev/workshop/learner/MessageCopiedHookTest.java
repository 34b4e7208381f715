package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Worker;
import dev.workshop.runtime.WorkerContext;
import dev.workshop.runtime.WorkerMain;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.MessageEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code messageCopied} hands over the sender's object and the receiver's copy, before posting. */
@Timeout(60)
class MessageCopiedHookTest {

  /** Echoes what it gets. */
  public static final class Echo implements WorkerMain {
    @Override
    public void main(WorkerContext worker) {
      worker.onMessage(
          m -> {
            worker.postMessage(m);
            worker.close();
          });
    }
  }

  @AfterEach
  void uninstall() {
    Instrumentation.install(null);
  }

  @Test
  void theSenderKeepsItsObjectAndTheReceiverGetsTheCopy() {
    List<Object[]> copied = Collections.synchronizedList(new ArrayList<>());
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    RuntimeListener rec =
        new RuntimeListener() {
          @Override
          public void messageCopied(MessageEvent m, Object sent, Object copy) {
            copied.add(new Object[] {m, sent, copy, Thread.currentThread().getName()});
            order.add("copied " + m.id());
          }

          @Override
          public void messagePosted(MessageEvent m) {
            order.add("posted " + m.id());
          }
        };
    EventLoop loop = EventLoop.create();
    Instrumentation.install(rec);
    List<Object> got = new ArrayList<>();
    Worker worker = new Worker(loop, Echo.class);
    worker.onMessage(got::add);
    List<Integer> mine = new ArrayList<>(List.of(1, 2));
    worker.postMessage(mine);
    mine.add(3); // the worker must not see this
    loop.run();
    Instrumentation.install(null);

    assertEquals(List.of(List.of(1, 2)), got);
    assertEquals(2, copied.size());
    Object[] down = copied.get(0);
    assertSame(mine, down[1]);
    assertNotSame(mine, down[2]);
    assertEquals(Thread.currentThread().getName(), down[3]);
    Object[] up = copied.get(1);
    assertSame(down[2], up[1], "the worker echoed the very copy it got");
    assertSame(got.get(0), up[2], "main's onMessage got the copy the hook saw");
    long first = ((MessageEvent) down[0]).id();
    long second = ((MessageEvent) up[0]).id();
    assertEquals(
        List.of("copied " + first, "posted " + first, "copied " + second, "posted " + second),
        order);
  }
}
