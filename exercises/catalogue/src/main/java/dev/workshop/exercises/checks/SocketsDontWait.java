package dev.workshop.exercises.checks;

import dev.workshop.exercises.checks.EchoClients.Kind;
import dev.workshop.exercises.checks.EchoClients.Outcome;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.ExerciseSpec;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Session;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.SocketEvidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * SOCKETS DON'T WAIT: a line-echo server on the loop. The verifier is the client: it opens every
 * connection at once (quick clients, slow clients that send a byte at a time, and one client that
 * stops reading its replies while it sends a lot), checks every reply byte for byte, and judges
 * from the probe's socket records that the learner's code paused the client that stopped reading
 * and resumed it once its replies drained, so that the server kept a bounded amount for it.
 */
public final class SocketsDontWait implements Verification {

  /** One run, {@code java Host 0 200}: the words of {@code run.args}. */
  @Override
  public List<List<String>> runs(ExerciseSpec spec) {
    return List.of(spec.words("run.args"));
  }

  @Override
  public void interact(Session session) throws Exception {
    ExerciseSpec spec = session.spec();
    long start = System.nanoTime();
    long deadline = start + Duration.ofMillis(spec.number("interaction.max.ms")).toNanos();
    Optional<Matcher> listening =
        session.awaitOutput(
            "listening on (\\d+)", Duration.ofMillis(spec.number("listening.max.ms")));
    if (listening.isEmpty()) return;
    int port = Integer.parseInt(listening.get().group(1));
    session.put("port", port);
    EchoClients.Result result = EchoClients.run(port, plan(spec), deadline);
    List<Outcome> outcomes = result.outcomes();
    List<String> wrong = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (!o.error().isEmpty()) wrong.add(describe(o));
    }
    session.put("echo.clients", outcomes.size());
    session.put("echo.answered", outcomes.size() - wrong.size());
    session.put("echo.wrong", String.join("\n", wrong));
    session.put("echo.silent.port", result.silentPort());
    session.put("echo.silent.sent", (int) result.silentSentBeforeReading());
    session.put(
        "echo.silent.bytes",
        outcomes.stream().filter(o -> o.kind() == Kind.SILENT).mapToInt(Outcome::expected).sum());
  }

  static EchoClients.Plan plan(ExerciseSpec spec) {
    return new EchoClients.Plan(
        (int) spec.number("clients"),
        (int) spec.number("quick.lines"),
        (int) spec.number("slow.clients"),
        spec.number("slow.interval.ms"),
        (int) spec.number("silent.lines"),
        (int) spec.number("silent.line.bytes"),
        (int) spec.number("silent.receive.buffer"),
        spec.number("silent.stuck.ms"),
        spec.number("stall.ms"));
  }

  private static String describe(Outcome o) {
    String who =
        switch (o.kind()) {
          case QUICK -> "client " + o.index();
          case SLOW -> "slow client " + o.index();
          case SILENT -> "the client that stopped reading";
        };
    return who
        + (o.port() > 0 ? " (port " + o.port() + ")" : "")
        + ": "
        + o.received()
        + " of "
        + o.expected()
        + " bytes came back right; "
        + o.error();
  }

  @Override
  public void judge(Judge judge) {
    Run run = judge.runs().get(0);
    if (!Listening.check(judge, run)) return;
    judge.mainNeverBlocked(run);
    socketCallsOnMain(judge, run);
    judge.noThreadsOfItsOwn(
        run,
        "your code started no thread of its own",
        "serve every client from main's callbacks: onData, write and onDrain never wait, so one"
            + " thread is enough");
    replies(judge, run);
    poolUnused(judge, run);
    backpressure(judge, run);
    judge.check(
        run,
        "once every client had gone, it printed \"server closed\"",
        run.lines().contains("server closed"),
        Diagnosis.WRONG_OUTPUT,
        "\"server closed\" was not printed: the loop did not end after the last client left");
    judge.endsOnItsOwn(run);
  }

  private static void socketCallsOnMain(Judge judge, Run run) {
    List<SocketEvidence.Event> off = run.report().sockets().offLoop();
    String fact = "every socket call ran on main";
    if (off.isEmpty()) {
      judge.pass(run, fact);
      return;
    }
    SocketEvidence.Event first = off.get(0);
    List<String> evidence = new ArrayList<>();
    evidence.add(
        first.call()
            + " was called on \""
            + first.thread()
            + "\""
            + (first.site().isEmpty() ? "" : " in " + first.site())
            + ", and threw");
    evidence.addAll(judge.source(first.site()));
    evidence.add(
        "a connection belongs to main: write from onData itself, which runs on main; nothing"
            + " here needs the pool");
    judge.fail(
        run,
        fact,
        Diagnosis.CONFINEMENT,
        Words.count(run.report().sockets().offLoopCalls(), "socket call") + " ran off main",
        evidence);
  }

  private static void replies(Judge judge, Run run) {
    int clients = (int) judge.number("clients");
    int answered = run.<Integer>data("echo.answered").orElse(0);
    int ran = run.<Integer>data("echo.clients").orElse(0);
    String fact = "all " + clients + " clients got every line back, in order";
    List<String> wrong =
        run.<String>data("echo.wrong")
            .filter(s -> !s.isEmpty())
            .map(s -> List.of(s.split("\n")))
            .orElse(List.of());
    if (ran == clients && answered == clients) {
      judge.pass(run, fact);
      return;
    }
    List<String> evidence = new ArrayList<>();
    wrong.stream().limit(3).forEach(evidence::add);
    if (wrong.size() > 3) evidence.add("and " + Words.count(wrong.size() - 3, "more client"));
    judge.fail(
        run,
        fact,
        Diagnosis.WRONG_RESULT,
        ran < clients
            ? "only " + ran + " clients ran"
            : answered + " of " + clients + " clients got every line back",
        evidence);
  }

  private static void poolUnused(Judge judge, Run run) {
    ProbeReport r = run.report();
    int clients = (int) judge.number("clients");
    String fact =
        "the pool stayed unused: no pool job ran while main served " + clients + " clients";
    if (r.jobs().isEmpty() && r.poolSize() == 0) {
      judge.pass(run, fact);
      return;
    }
    List<String> evidence = new ArrayList<>();
    if (!r.jobs().isEmpty()) {
      ProbeReport.Job first = r.jobs().get(0);
      evidence.add(
          Words.count(r.jobs().size(), "pool job")
              + " ran, the first queued in "
              + first.site()
              + " and run on \""
              + first.thread()
              + "\"");
      evidence.addAll(judge.source(first.site()));
    } else {
      evidence.add("the pool's " + r.poolSize() + " threads were started");
    }
    evidence.add(
        "socket calls do not wait, so there is nothing to hand to the pool: write the reply in"
            + " onData itself");
    judge.fail(
        run,
        fact,
        Diagnosis.WRONG_RESULT,
        "the pool was used, although sockets never need it",
        evidence);
  }

  private static void backpressure(Judge judge, Run run) {
    Optional<Integer> port = run.data("echo.silent.port");
    SocketEvidence sockets = run.report().sockets();
    List<SocketEvidence.Event> events = port.map(sockets::events).orElse(List.of());
    String pausedFact =
        "your code paused the client that stopped reading, and resumed it once its replies"
            + " drained";
    List<SocketEvidence.Event> pauses =
        events.stream().filter(e -> e.kind().equals("PAUSE")).toList();
    Optional<SocketEvidence.Event> refused =
        events.stream().filter(e -> e.kind().equals("WRITE_REFUSED")).findFirst();
    if (pauses.isEmpty() && refused.isEmpty() && !run.report().jobs().isEmpty()) {
      // The replies went through the pool (a failure of its own, above): on a busy machine the
      // client that stopped reading may never have been written enough to fill its socket, so
      // whether a refused write would have paused it was never seen. Not judged, either way.
      judge.info(
          run.label()
              + ": whether your code pauses a client that stops reading was not seen: no write to"
              + " it was refused, its replies were waiting for the pool");
    } else if (pauses.isEmpty()) {
      List<String> evidence = new ArrayList<>();
      if (refused.isPresent()) {
        evidence.add(
            "write returned false for it in " + refused.get().site() + ", and reading went on");
        evidence.addAll(judge.source(refused.get().site()));
      } else {
        evidence.add("write never returned false for it");
      }
      evidence.add("when write returns false, call conn.pause(), and conn.resume() in onDrain");
      judge.fail(run, pausedFact, Diagnosis.BACKPRESSURE, "its reads were never paused", evidence);
    } else {
      // A pause is due a resume once the runtime saw its replies drain; a client that left
      // before they drained (it got a wrong line, say) owes the server nothing.
      Optional<SocketEvidence.Event> unresumed = Optional.empty();
      Optional<SocketEvidence.Event> pause = Optional.empty();
      Optional<SocketEvidence.Event> resume = Optional.empty();
      for (SocketEvidence.Event e : events) {
        switch (e.kind()) {
          case "PAUSE" -> pause = Optional.of(e);
          case "RESUME" -> {
            pause = Optional.empty();
            if (resume.isEmpty()) resume = Optional.of(e);
          }
          case "DRAIN" -> {
            if (pause.isPresent() && unresumed.isEmpty()) unresumed = pause;
          }
          default -> {}
        }
        if (e.kind().equals("RESUME")) unresumed = Optional.empty();
      }
      if (unresumed.isPresent()) {
        List<String> evidence = new ArrayList<>();
        evidence.add("paused in " + unresumed.get().site() + ", and never resumed");
        evidence.addAll(judge.source(unresumed.get().site()));
        evidence.add(
            "its replies drained, yet its lines were never read again: resume it in onDrain");
        judge.fail(
            run,
            pausedFact,
            Diagnosis.BACKPRESSURE,
            "the client that stopped reading was paused and never resumed",
            evidence);
      } else if (resume.isEmpty()) {
        judge.fail(
            run,
            pausedFact,
            Diagnosis.WRONG_RESULT,
            "it was paused, but its replies never drained, so no resume was seen",
            List.of("paused in " + pauses.get(0).site()));
      } else {
        judge.pass(run, pausedFact);
        judge.info(
            run.label()
                + ": "
                + Words.count(pauses.size(), "pause")
                + " for the client that stopped reading, first in "
                + pauses.get(0).site()
                + "; resumed in "
                + resume.get().site());
      }
    }
    long bound = judge.number("queued.max.bytes");
    String boundFact =
        "the server kept at most "
            + bound / 1024
            + " KiB queued for the client that stopped reading";
    Optional<SocketEvidence.Conn> conn = port.flatMap(sockets::connection);
    if (conn.isEmpty()) {
      judge.fail(
          run,
          boundFact,
          Diagnosis.WRONG_RESULT,
          "no reply was written to the client that stopped reading",
          List.of());
      return;
    }
    long most = conn.get().mostQueued();
    int sent = run.<Integer>data("echo.silent.sent").orElse(-1);
    int total = run.<Integer>data("echo.silent.bytes").orElse(-1);
    judge.check(
        run,
        boundFact,
        most <= bound,
        Diagnosis.BACKPRESSURE,
        "the server kept up to " + kib(most) + " of replies for it in memory",
        "it sent "
            + kib(sent)
            + " of its "
            + kib(total)
            + " without reading a reply: "
            + (sent == total ? "the server read them all" : "then the server stopped reading"),
        "a client that never reads would make that grow without end: pause its reads when"
            + " write returns false");
    judge.info(
        run.label()
            + ": at most "
            + kib(most)
            + " kept for the client that stopped reading; it sent "
            + kib(sent)
            + " before it read");
  }

  private static String kib(long bytes) {
    return bytes < 0 ? "?" : Math.round(bytes / 1024.0) + " KiB";
  }
}
