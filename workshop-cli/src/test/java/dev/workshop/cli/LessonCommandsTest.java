package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every workshop command that a lesson, a {@code more} page or a hint tells the learner to type
 * ({@code {appname} ...} or {@code workshop ...}, in inline code or on a line of a code block) is
 * run, in-process, on the exercise's reference solution in a folder called {@code myaddon}. It
 * works when the command line is accepted (no usage error), nothing goes wrong inside the
 * workshop, and a {@code verify} passes. A command that serves until stopped ({@code --serve})
 * counts when its program started and was still running a few seconds later; it is then stopped
 * by ending its program.
 */
class LessonCommandsTest {
  private static final List<Exercise> EXERCISES = Catalogue.load().exercises();
  private static final List<String> SOURCES = List.of("lesson.md", "more.md", "hints.md");

  /** The option that marks a served program's JVM: no deadline. */
  private static final String SERVED = "-Dworkshop.probe.deadline.ms=0";

  /** A command in inline code: `{appname} verify myaddon`, `workshop run myaddon cpu`. */
  private static final Pattern INLINE =
      Pattern.compile("`((?:\\{appname\\}|workshop)(?:\\s[^`]*)?)`");

  /** A command on a line of a code block, perhaps after a prompt. */
  private static final Pattern BLOCK_LINE =
      Pattern.compile("^\\s*(?:\\$\\s+)?((?:\\{appname\\}|workshop)(?:\\s.*)?)$");

  /** How long a served program must keep running before it is stopped. */
  private static final Duration SERVES_FOR = Duration.ofSeconds(3);

  /** Bounds for the waits below, generous for a machine under heavy load. */
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir static Path work;

  /** Per exercise: its progress folder, with the exercise selected, and its myaddon folder. */
  private static final Map<Integer, Path[]> PLACES = new ConcurrentHashMap<>();

  /** Per exercise and command line: its result, so that a verify repeated in the texts runs once. */
  private static final Map<String, Cli.Result> RESULTS = new ConcurrentHashMap<>();

  /** A command as written in a text: where, the line as written, and the words after the app's name. */
  record Command(String source, String written, List<String> words) {
    boolean serves() {
      return words.contains("--serve");
    }
  }

  /** Every workshop command in the exercise's lesson, more page and hints, in order of appearance. */
  static List<Command> commands(Exercise exercise) {
    List<Command> found = new ArrayList<>();
    for (String source : SOURCES) {
      String text = exercise.text(source).orElse("");
      String where = exercise.folder() + "/" + source;
      // Fenced code blocks first, line by line; inline code in the prose between them.
      String[] parts = text.split("(?m)^\\s*```.*$", -1);
      for (int i = 0; i < parts.length; i++) {
        if (i % 2 == 1) {
          for (String line : parts[i].split("\n")) {
            Matcher m = BLOCK_LINE.matcher(line);
            if (m.matches()) found.add(command(where, m.group(1)));
          }
        } else {
          Matcher m = INLINE.matcher(parts[i]);
          while (m.find()) found.add(command(where, m.group(1)));
        }
      }
    }
    return found;
  }

  private static Command command(String source, String written) {
    String line = written.replaceAll("\\s+", " ").strip();
    List<String> words = new ArrayList<>(Arrays.asList(line.split(" ")));
    words.remove(0); // {appname} or workshop
    words.replaceAll(
        w ->
            w.length() > 1
                    && (w.startsWith("\"") && w.endsWith("\"")
                        || w.startsWith("'") && w.endsWith("'"))
                ? w.substring(1, w.length() - 1)
                : w);
    return new Command(source, line, List.copyOf(words));
  }

  @Test
  void theLessonsCommandsAreFound() {
    Map<String, List<String>> byExercise = new LinkedHashMap<>();
    for (Exercise e : EXERCISES) {
      byExercise.put(e.folder(), commands(e).stream().map(Command::written).toList());
    }
    for (Exercise e : EXERCISES) {
      assertTrue(
          byExercise.get(e.folder()).contains("{appname} verify myaddon"),
          "every lesson says how to verify: " + byExercise);
    }
    List<String> six = byExercise.get(EXERCISES.get(5).folder());
    assertTrue(
        six.contains("{appname} run myaddon sleep") && six.contains("{appname} run myaddon cpu"),
        six::toString);
    assertTrue(
        byExercise.get(EXERCISES.get(7).folder()).contains("{appname} run myaddon --serve"),
        byExercise::toString);
  }

  @TestFactory
  Stream<DynamicTest> everyCommandInEveryLessonMorePageAndHintWorks() {
    return EXERCISES.stream()
        .flatMap(
            exercise ->
                commands(exercise).stream()
                    .map(
                        c ->
                            DynamicTest.dynamicTest(
                                c.source() + ": " + c.written(), () -> check(exercise, c))));
  }

  private static void check(Exercise exercise, Command command) throws Exception {
    Path[] place = place(exercise);
    List<String> args = arguments(command.words(), place[1]);
    if (command.serves()) {
      serve(exercise, args);
      return;
    }
    // "verify myaddon" as written is the reference solution's verify that ExerciseFixturesTest
    // needs too: one run serves both (it also writes a trace, after the verdict).
    Cli.Result r =
        command.words().equals(List.of("verify", "myaddon"))
            ? SharedFixtures.referenceVerify(exercise).result()
            : RESULTS.computeIfAbsent(
                exercise.number() + " " + args,
                k -> new Cli(place[0]).run(args.toArray(String[]::new)));
    assertNotEquals(
        ExitCode.USAGE,
        r.status(),
        () -> command.written() + " is not a command line the workshop takes\n" + r);
    assertNotEquals(ExitCode.ERROR, r.status(), () -> command.written() + "\n" + r);
    if (!args.isEmpty() && args.get(0).equals("verify")) {
      assertEquals(
          ExitCode.OK,
          r.status(),
          () -> command.written() + " of the reference solution must pass\n" + r);
    }
  }

  /**
   * The command's words, with {@code myaddon} (and {@code myaddon/...}) made the exercise's folder,
   * and that folder given to a command that would otherwise take it from the current directory.
   */
  private static List<String> arguments(List<String> words, Path myaddon) {
    List<String> args = new ArrayList<>();
    for (String w : words) {
      if (w.equals("myaddon") || w.startsWith("myaddon/")) {
        args.add(
            myaddon.resolve(w.substring("myaddon".length()).replaceFirst("^/", "")).toString());
      } else {
        args.add(w);
      }
    }
    boolean hasFolder = args.stream().skip(1).anyMatch(a -> !a.startsWith("-"));
    if (!args.isEmpty() && List.of("scaffold", "watch").contains(args.get(0)) && !hasFolder)
      args.add(myaddon.toString());
    return args;
  }

  /** A fresh progress folder with the exercise selected, and a myaddon folder with its reference solution. */
  private static Path[] place(Exercise exercise) {
    return PLACES.computeIfAbsent(
        exercise.number(),
        n -> {
          try {
            Path base = Files.createTempDirectory(work, exercise.id() + "-");
            Path home = Files.createDirectories(base.resolve("home"));
            Path myaddon = Files.createDirectories(base.resolve("myaddon"));
            for (String file : exercise.learnerFiles())
              Files.writeString(myaddon.resolve(file), exercise.solution(file));
            Cli.Result selected = new Cli(home).run("select", String.valueOf(n));
            assertEquals(ExitCode.OK, selected.status(), selected::toString);
            return new Path[] {home, myaddon};
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Serves the program: it must start and keep running; it is then ended, and so must the command be. */
  private static void serve(Exercise exercise, List<String> args) throws Exception {
    Served served = Served.start(place(exercise)[0], args);
    try {
      assertTrue(
          served.awaitProgramOutput(WAIT), () -> "the program did not start:\n" + served.text());
      assertFalse(
          served.awaitEnd(SERVES_FOR),
          () -> "a served program keeps running until stopped:\n" + served.text());
    } finally {
      served.stopProgram();
    }
    assertTrue(
        served.awaitEnd(WAIT), () -> "the command did not end with its program:\n" + served.text());
    assertEquals(ExitCode.OK, served.status, () -> served.text());
    assertTrue(
        served.text().contains("exit code"), () -> "the run's summary follows:\n" + served.text());
  }

  /**
   * Lesson 8's try-it-by-hand, as written: the server that {@code run myaddon --serve} keeps up
   * answers each {@code curl} line of the lesson (PORT made the port it printed), and after
   * {@code /shutdown} the program, then the command, end by themselves with the summary.
   */
  @Test
  void lessonEightsServerAnswersTheLessonsCurlLines() throws Exception {
    Exercise eight = EXERCISES.get(7);
    String lesson = eight.lesson();
    int at = lesson.indexOf("run myaddon --serve");
    assertTrue(at > 0, "lesson 8 says to serve");
    Matcher block = Pattern.compile("```text\\n(.*?)```", Pattern.DOTALL).matcher(lesson);
    assertTrue(block.find(at), "a code block of curl lines follows");
    List<String> urls = new ArrayList<>();
    Matcher url = Pattern.compile("\"?(localhost:PORT/[^\"\\s&]*)\"?").matcher(block.group(1));
    while (url.find()) urls.add(url.group(1));
    assertTrue(urls.size() >= 2 && urls.get(urls.size() - 1).endsWith("/shutdown"), urls::toString);

    Path[] place = place(eight);
    Served served = Served.start(place[0], List.of("run", place[1].toString(), "--serve"));
    try {
      Matcher listening = Pattern.compile("listening on (\\d+)").matcher("");
      assertTrue(served.await(() -> listening.reset(served.text()).find(), WAIT), served::text);
      String port = listening.group(1);
      // Meanwhile, in another terminal, the workshop's other commands work, those that save
      // progress too.
      Cli.Result hint = assertTimeoutPreemptively(WAIT, () -> new Cli(place[0]).run("hint"));
      assertEquals(ExitCode.OK, hint.status(), hint::toString);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      Map<String, String> answers = new LinkedHashMap<>();
      for (String u : urls) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create("http://" + u.replace("PORT", port)))
                .timeout(WAIT)
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), u);
        answers.put(u, response.body().strip());
      }
      assertEquals("bye", answers.get(urls.get(urls.size() - 1)), answers::toString);
      assertTrue(answers.containsValue("fast"), answers::toString);
      assertTrue(
          served.awaitEnd(WAIT),
          () -> "after /shutdown the program ends by itself:\n" + served.text());
    } finally {
      served.stopProgram();
    }
    assertTrue(served.awaitEnd(WAIT), served::text);
    assertEquals(ExitCode.OK, served.status, served::text);
    assertTrue(
        served.text().contains("server closed") && served.text().contains("exit code 0"),
        served::text);
  }

  /** A command that runs on a thread of its own, with its output readable while it runs. */
  private static final class Served {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Set<Long> before;
    private final Thread thread;
    private volatile int status = -1;

    private Served(Path home, List<String> args) {
      before =
          ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
      Map<String, String> env = new HashMap<>();
      env.put("WORKSHOP_HOME", home.toString());
      env.put("WORKSHOP_PAGER", "cat");
      env.put("WORKSHOP_CACHE", SharedFixtures.cache().toString());
      thread =
          new Thread(
              () ->
                  status =
                      new Main(
                              new PrintWriter(out, true),
                              new PrintWriter(err, true),
                              InputStream.nullInputStream(),
                              env,
                              TerminalInfo.plain())
                          .run(args.toArray(String[]::new)),
              "served-command");
      thread.setDaemon(true);
    }

    static Served start(Path home, List<String> args) {
      Served served = new Served(home, args);
      served.thread.start();
      return served;
    }

    String text() {
      return "exit " + status + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }

    /** Whether the program printed a line of its own after the command's {@code $ java ...} line. */
    boolean awaitProgramOutput(Duration timeout) throws InterruptedException {
      return await(
          () -> {
            String o = out.toString();
            int run = o.indexOf("$ java ");
            int next = run < 0 ? -1 : o.indexOf('\n', run);
            return next >= 0 && o.substring(next + 1).contains("\n");
          },
          timeout);
    }

    boolean await(java.util.function.BooleanSupplier condition, Duration timeout)
        throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (!condition.getAsBoolean()) {
        if (!thread.isAlive() && !condition.getAsBoolean()) return false;
        if (System.nanoTime() - end > 0) return false;
        thread.join(20); // a bounded poll: returns early when the command ends
      }
      return true;
    }

    /** Whether the command ended within {@code timeout}. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
      thread.join(timeout.toMillis());
      return !thread.isAlive();
    }

    /**
     * Ends what the command started (the program's JVM, and what it started), as the program's
     * own end would. Only a served program: its JVM is the one told it has no deadline ({@code
     * -Dworkshop.probe.deadline.ms=0}); the verifies that other test classes run meanwhile in
     * this JVM all have one, and go on.
     */
    void stopProgram() {
      ProcessHandle.current()
          .descendants()
          .filter(p -> !before.contains(p.pid()))
          .filter(
              p -> p.info().arguments().stream().flatMap(Arrays::stream).anyMatch(SERVED::equals))
          .forEach(
              p -> {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
              });
    }
  }
}
