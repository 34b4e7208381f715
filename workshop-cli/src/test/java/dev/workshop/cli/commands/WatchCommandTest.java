package dev.workshop.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.Cli;
import dev.workshop.cli.ExitCode;
import dev.workshop.cli.TerminalInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code workshop watch} does before it owns a terminal. Its life in one: WatchIT, in tmux. */
class WatchCommandTest {
  @TempDir Path home;

  @Test
  void withoutATerminalItRefusesInOneLine() throws Exception {
    Path dir = Files.createDirectories(home.resolve("myaddon"));
    // 1000 columns: a terminal wraps long lines between words, and the folder's path is long.
    for (TerminalInfo notBoth :
        new TerminalInfo[] {
          TerminalInfo.plain(),
          new TerminalInfo(true, false, 1000, 24, false),
          new TerminalInfo(false, true, 1000, 24, false)
        }) {
      Cli.Result result = new Cli(home).terminal(notBoth).run("watch", dir.toString());
      assertEquals(ExitCode.REFUSED, result.status(), result.toString());
      assertEquals("", result.out(), result.toString());
      assertEquals(1, result.err().lines().count(), result.toString());
      assertTrue(
          result.err().contains("watch needs a terminal")
              && result.err().contains("workshop verify " + dir),
          result.toString());
    }
  }

  @Test
  void aFolderThatIsNotThereIsAUsageError() throws Exception {
    TerminalInfo terminal = new TerminalInfo(true, true, 1000, 24, false); // wide: no wrapping
    Cli.Result missing =
        new Cli(home).terminal(terminal).run("watch", home.resolve("nosuch").toString());
    assertEquals(ExitCode.USAGE, missing.status(), missing.toString());
    assertEquals(1, missing.err().lines().count(), missing.toString());
    assertTrue(
        missing.err().contains("does not exist") && missing.err().contains("workshop scaffold"),
        missing.toString());

    Path file = Files.writeString(home.resolve("afile"), "");
    Cli.Result notAFolder = new Cli(home).terminal(terminal).run("watch", file.toString());
    assertEquals(ExitCode.USAGE, notAFolder.status(), notAFolder.toString());
    assertTrue(notAFolder.err().contains("is a file, not a folder"), notAFolder.toString());
  }

  @Test
  void completionOffersIt() {
    Cli.Result script = new Cli(home).run("completion");
    assertEquals(ExitCode.OK, script.status(), script.toString());
    assertTrue(script.out().contains("watch"), "the completion script lists watch");
  }
}
