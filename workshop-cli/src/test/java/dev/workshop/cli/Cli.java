package dev.workshop.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the whole command line in-process, with its own progress folder, and keeps what it printed. */
public final class Cli {
  public final Path home;
  private final Map<String, String> env = new HashMap<>();
  private TerminalInfo terminal = TerminalInfo.plain();
  private String input = "";

  public Cli(Path home) {
    this.home = home;
    env.put("WORKSHOP_HOME", home.toString());
    env.put("WORKSHOP_PAGER", "cat");
    // One cache for the tests of this JVM, as a learner has one: see SharedFixtures.
    env.put("WORKSHOP_CACHE", SharedFixtures.cache().toString());
  }

  public Cli env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public Cli terminal(TerminalInfo terminal) {
    this.terminal = terminal;
    return this;
  }

  public Cli input(String input) {
    this.input = input;
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    int status = new Main(new PrintWriter(out), new PrintWriter(err), in, env, terminal).run(args);
    return new Result(status, out.toString(), err.toString());
  }

  public record Result(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }
}
