package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.ConfinementError;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConfinementTest {

  @Test
  void poolThreadTouchingLoopOwnedValueGetsAClearError() {
    EventLoop loop = EventLoop.create();
    LoopOwned<List<String>> names = loop.own(new ArrayList<>(List.of("b", "a")));
    Throwable[] error = new Throwable[1];
    loop.queueWork(
        () -> names.get().size(),
        (err, size) -> {
          error[0] = err;
          assertNull(size);
        });
    loop.run();
    ConfinementError e = assertInstanceOf(ConfinementError.class, error[0]);
    String me = Thread.currentThread().getName();
    assertEquals(Thread.currentThread(), e.owner());
    assertTrue(e.offender().getName().matches("pool-\\d+"));
    assertTrue(e.getMessage().contains("\"" + me + "\""), e.getMessage());
    assertTrue(e.getMessage().contains("\"" + e.offender().getName() + "\""), e.getMessage());
    assertTrue(e.getMessage().contains("copy") || e.getMessage().contains("Copy"), e.getMessage());
    assertTrue(e.getMessage().contains("afterWork"), e.getMessage());
  }

  @Test
  void copyOutThenWrapBackIsThePattern() {
    EventLoop loop = EventLoop.create();
    LoopOwned<List<String>> names = loop.own(new ArrayList<>(List.of("b", "a", "c")));
    List<String> copy = List.copyOf(names.get());
    loop.queueWork(
        () -> {
          List<String> sorted = new ArrayList<>(copy);
          sorted.sort(null);
          return sorted;
        },
        (err, sorted) -> names.set(sorted));
    loop.run();
    assertEquals(List.of("a", "b", "c"), names.get());
  }

  @Test
  void plainThreadSettingIsRefusedToo() throws Exception {
    EventLoop loop = EventLoop.create();
    LoopOwned<Integer> n = loop.own(1);
    Throwable[] error = new Throwable[1];
    Thread t =
        new Thread(
            () -> {
              try {
                n.set(2);
              } catch (ConfinementError e) {
                error[0] = e;
              }
            },
            "my-thread");
    t.start();
    t.join();
    assertTrue(error[0].getMessage().contains("\"my-thread\""));
    assertTrue(error[0].getMessage().contains("set()"));
    assertEquals(1, n.get());
  }
}
