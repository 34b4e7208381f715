package dev.workshop.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.learner.Jvm;
import dev.workshop.learner.PoolSizeMain;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class ThreadPoolSizeTest {

  @Test
  void unsetMeansDefault() {
    assertEquals(4, ThreadPool.parseSize(null));
    assertEquals(4, ThreadPool.parseSize(""));
    assertEquals(ThreadPool.DEFAULT_SIZE, ThreadPool.parseSize("  "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "7", "128", "1024", " 16 "})
  void validValues(String value) {
    assertEquals(Integer.parseInt(value.trim()), ThreadPool.parseSize(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1025", "abc", "-3", "4.5"})
  void invalidValuesAreAClearError(String value) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ThreadPool.parseSize(value));
    assertTrue(e.getMessage().contains("WORKSHOP_THREADPOOL_SIZE"), e.getMessage());
    assertTrue(e.getMessage().contains("\"" + value + "\""), e.getMessage());
    assertTrue(e.getMessage().contains("1 to 1024"), e.getMessage());
  }

  @Test
  void setSizeOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> ThreadPool.setSize(0));
    assertThrows(IllegalArgumentException.class, () -> ThreadPool.setSize(1025));
  }

  @Test
  void setSizeAfterStartIsAnErrorThatSaysSo() {
    EventLoop loop = EventLoop.create();
    loop.queueWork(() -> 1, (e, r) -> {});
    loop.run();
    assertTrue(loop.pool().started());
    int size = ThreadPool.size();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ThreadPool.setSize(8));
    assertTrue(
        e.getMessage().contains("already started with " + size + " threads"), e.getMessage());
    assertTrue(e.getMessage().contains("before the first queueWork or readFile"), e.getMessage());
  }

  @Test
  void environmentSetsTheSize() throws Exception {
    Jvm r = Jvm.run(PoolSizeMain.class, Map.of("WORKSHOP_THREADPOOL_SIZE", "3"));
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("started-before=false"), r.toString());
    assertTrue(r.out.contains("size=3\n"), r.toString());
    assertTrue(r.out.contains("threads=3\n"), r.toString());
    assertTrue(r.out.contains("ran-on=pool-N"), r.toString());
  }

  @Test
  void defaultIsFourThreads() throws Exception {
    Jvm r = Jvm.run(PoolSizeMain.class, Map.of());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("size=4\n") && r.out.contains("threads=4\n"), r.toString());
  }

  @Test
  void invalidEnvironmentFailsAtFirstUse() throws Exception {
    Jvm r = Jvm.run(PoolSizeMain.class, Map.of("WORKSHOP_THREADPOOL_SIZE", "1025"));
    assertNotEquals(0, r.exitCode, r.toString());
    assertTrue(r.err.contains("WORKSHOP_THREADPOOL_SIZE=\"1025\""), r.toString());
    assertTrue(r.err.contains("1 to 1024"), r.toString());
  }

  @Test
  void programMaySetTheSizeBeforeFirstUse() throws Exception {
    Jvm r = Jvm.run(PoolSizeMain.class, Map.of("WORKSHOP_THREADPOOL_SIZE", "2"), "6");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("size=6\n") && r.out.contains("threads=6\n"), r.toString());
  }
}
