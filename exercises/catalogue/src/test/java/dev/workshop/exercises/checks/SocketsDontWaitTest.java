package dev.workshop.exercises.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import dev.workshop.verifier.CheckResult;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SOCKETS DON'T WAIT's pause check on recorded runs whose reports are edited: whether the client
 * that stopped reading was paused is judged only where the run shows it was needed.
 */
class SocketsDontWaitTest {
  private static final Path RECORDED = RecordReportsTest.RECORDED.resolve("09-sockets-dont-wait");
  private static final String PAUSED = "your code paused the client that stopped reading";

  @TempDir Path tmp;

  /** No refused write, no pause: every socket event of the client that stopped reading gone. */
  private static final UnaryOperator<String> NEVER_FILLED =
      l ->
          l.startsWith("sock\t")
                  && (l.contains("\tWRITE_REFUSED\t")
                      || l.contains("\tPAUSE\t")
                      || l.contains("\tRESUME\t")
                      || l.contains("\tDRAIN\t"))
              ? null
              : l;

  @Test
  void repliesStuckInThePoolLeaveThePauseUnjudgedAndThePoolTheCause() throws IOException {
    // As on a busy machine: the replies waited for the pool, so the client that stopped reading
    // was never written enough to fill its socket.
    Judge judge = judge("echoes-through-the-pool", NEVER_FILLED);
    assertTrue(result(judge.results(), PAUSED).isEmpty(), judge.results().toString());
    assertTrue(
        judge.infoLines().stream()
            .anyMatch(l -> l.contains("its replies were waiting for the pool")),
        judge.infoLines().toString());
    CheckResult cause =
        judge.results().stream()
            .filter(r -> !r.passed())
            .min(Comparator.comparing(CheckResult::diagnosis))
            .orElseThrow();
    assertEquals(Diagnosis.WRONG_RESULT, cause.diagnosis(), judge.results().toString());
  }

  @Test
  void withoutThePoolANeverRefusedWriteStillFailsThePause() throws IOException {
    // The reference, edited the same way: no pool to blame, so "never paused" stands.
    Judge judge = judge("solution", NEVER_FILLED);
    CheckResult paused = result(judge.results(), PAUSED).orElseThrow();
    assertFalse(paused.passed(), paused.toString());
    assertEquals(Diagnosis.BACKPRESSURE, paused.diagnosis(), paused.toString());
  }

  @Test
  void aRefusedWriteThroughThePoolIsStillJudged() throws IOException {
    // As recorded: writes to it were refused, so the pause was needed, and it is judged (this
    // variant paused it, and the pool held its replies past the end).
    Judge judge = judge("echoes-through-the-pool", l -> l);
    assertTrue(result(judge.results(), PAUSED).isPresent(), judge.results().toString());
    assertTrue(judge.infoLines().stream().noneMatch(l -> l.contains("waiting for the pool")));
  }

  private Judge judge(String recorded, UnaryOperator<String> edit) throws IOException {
    Exercise exercise =
        Catalogue.load().exercises().stream()
            .filter(e -> e.folder().equals("09-sockets-dont-wait"))
            .findFirst()
            .orElseThrow();
    List<Run> runs = RecordedRuns.readEdited(RECORDED.resolve(recorded), tmp, edit);
    Judge judge = new Judge(exercise, RecordReportsTest.EXERCISES.resolve(exercise.folder()), runs);
    new SocketsDontWait().judge(judge);
    return judge;
  }

  private static Optional<CheckResult> result(List<CheckResult> results, String fact) {
    return results.stream().filter(r -> r.name().contains(fact)).findFirst();
  }
}
