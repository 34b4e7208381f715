package dev.workshop.exercises.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import dev.workshop.runtime.ConfinementError;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.LoopOwned;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check's own copy of the host's document and of stretch gives the digest the exercise's
 * Host.java and the reference Digest.java give, for any seed; and the host's list is the loop's.
 */
class HandsOffTheLoopsValuesTest {
  @TempDir static Path classes;
  private static ClassLoader loader;

  /** The check's digests by seed: each is a second or more of CPU on the test JVM, made once. */
  private static final Map<Long, String> DIGESTS = new ConcurrentHashMap<>();

  private static String expectedDigest(long seed) {
    return DIGESTS.computeIfAbsent(seed, HandsOffTheLoopsValues::expectedDigest);
  }

  /** Compiles the exercise's Host.java and the reference Digest.java, as the verifier would. */
  @BeforeAll
  static void compile() throws Exception {
    Exercise exercise =
        Catalogue.load().exercises().stream()
            .filter(e -> e.verificationClass().equals(HandsOffTheLoopsValues.class.getName()))
            .findFirst()
            .orElseThrow();
    Path sources = Files.createDirectories(classes.resolve("src"));
    Path host = Files.writeString(sources.resolve("Host.java"), exercise.boilerplate("Host.java"));
    Path digest =
        Files.writeString(sources.resolve("Digest.java"), exercise.solution("Digest.java"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classPath =
        Path.of(EventLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    int status =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            classPath,
            host.toString(),
            digest.toString());
    assertEquals(0, status, "the exercise's Host.java and solution compile");
    loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, HandsOffTheLoopsValuesTest.class.getClassLoader());
  }

  private static Object call(String cls, String method, Class<?>[] types, Object... args)
      throws Exception {
    Method m = loader.loadClass(cls).getDeclaredMethod(method, types);
    m.setAccessible(true);
    return m.invoke(null, args);
  }

  private static Object constant(String cls, String name) throws Exception {
    Field f = loader.loadClass(cls).getDeclaredField(name);
    f.setAccessible(true);
    return f.get(null);
  }

  @Test
  void theCheckKnowsTheHostsAndStretchsNumbers() throws Exception {
    assertEquals(HandsOffTheLoopsValues.LINES, constant("Host", "LINES"));
    assertEquals(HandsOffTheLoopsValues.DEFAULT_SEED, constant("Host", "DEFAULT_SEED"));
    assertEquals(HandsOffTheLoopsValues.ROUNDS, constant("Digest", "ROUNDS"));
  }

  @Test
  void theExpectedDigestIsStretchOverTheHostsDocument() throws Exception {
    for (long seed : new long[] {HandsOffTheLoopsValues.DEFAULT_SEED, 987_654_321L}) {
      @SuppressWarnings("unchecked")
      List<String> document =
          (List<String>)
              call(
                  "Host",
                  "generate",
                  new Class<?>[] {int.class, long.class},
                  HandsOffTheLoopsValues.LINES,
                  seed);
      assertEquals(
          document,
          HandsOffTheLoopsValues.generate(HandsOffTheLoopsValues.LINES, seed),
          "seed " + seed);
      String stretched = (String) call("Digest", "stretch", new Class<?>[] {List.class}, document);
      assertEquals(stretched, expectedDigest(seed), "seed " + seed);
    }
  }

  @Test
  void theDefaultDigestIsThatOfTheDefaultSeed() {
    assertEquals(
        HandsOffTheLoopsValues.DEFAULT_DIGEST, expectedDigest(HandsOffTheLoopsValues.DEFAULT_SEED));
  }

  @Test
  void differentSeedsMakeDifferentDigests() {
    assertNotEquals(
        expectedDigest(HandsOffTheLoopsValues.DEFAULT_SEED), expectedDigest(987_654_321L));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHostsListIsTheLoops() throws Exception {
    EventLoop loop = EventLoop.create(); // this thread is the loop's
    LoopOwned<List<String>> lines = loop.own(new ArrayList<>(List.of("a", "b")));
    Constructor<?> c = loader.loadClass("Host$LoopList").getDeclaredConstructor(LoopOwned.class);
    c.setAccessible(true);
    List<String> list = (List<String>) c.newInstance(lines);

    assertEquals(List.of("a", "b"), List.copyOf(list));
    list.add("c");
    assertEquals(3, list.size());
    for (Runnable touch :
        List.<Runnable>of(
            list::size,
            () -> list.get(0),
            () -> List.copyOf(list),
            () -> list.iterator().next(),
            () -> list.add("d"))) {
      CompletableFuture<Void> off = CompletableFuture.runAsync(touch);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> off.get(30, TimeUnit.SECONDS));
      assertInstanceOf(ConfinementError.class, e.getCause());
    }
    assertEquals(List.of("a", "b", "c"), list, "nothing changed off the loop thread");
  }
}
