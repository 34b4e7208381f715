package dev.workshop.exercises.checks;

import dev.workshop.verifier.Run;
import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.report.ProbeReport;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Runs recorded once from real verifies (the probe's report, the output, how the process ended,
 * what the interaction kept), written to and read back from a folder: {@code run-1/},
 * {@code run-2/}... each with {@code run.properties}, {@code stdout.txt}, {@code stderr.txt},
 * {@code report.txt} and {@code data.txt}. A verification class judges them in milliseconds,
 * without a child JVM.
 */
final class RecordedRuns {
  private RecordedRuns() {}

  /** Writes every run into {@code dir}, one sub-folder each, replacing what was there. */
  /**
   * A copy of the recorded runs in {@code from}, made in a new folder under {@code tmp}, with the
   * first run's report edited line by line: {@code edit} gives the line to keep (changed or not),
   * or null to drop it. For tests that judge what a run would have been on another machine.
   */
  static List<Run> readEdited(Path from, Path tmp, java.util.function.UnaryOperator<String> edit)
      throws IOException {
    Path copy = Files.createTempDirectory(tmp, from.getFileName().toString() + "-");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path to = copy.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
    Path report = copy.resolve("run-1/report.txt");
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(report, StandardCharsets.UTF_8)) {
      String kept = edit.apply(l);
      if (kept != null) lines.add(kept);
    }
    Files.write(report, lines, StandardCharsets.UTF_8);
    return read(copy);
  }

  static void write(Path dir, List<Run> runs) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        for (Path p : old.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(p);
      }
    }
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      Path d = Files.createDirectories(dir.resolve("run-" + (i + 1)));
      ProcessRun p = run.process();
      Properties props = new Properties();
      props.setProperty("main", run.mainClass());
      props.setProperty("args", String.join(" ", run.args()));
      props.setProperty("processors", String.valueOf(run.processors()));
      props.setProperty("pid", String.valueOf(p.pid()));
      props.setProperty("exit.code", String.valueOf(p.exitCode()));
      props.setProperty("timed.out", String.valueOf(p.timedOut()));
      props.setProperty("stdout.dropped", String.valueOf(p.stdoutDropped()));
      props.setProperty("stderr.dropped", String.valueOf(p.stderrDropped()));
      props.setProperty("duration.ms", String.valueOf(p.duration().toMillis()));
      try (Writer out = Files.newBufferedWriter(d.resolve("run.properties"))) {
        props.store(out, "one recorded run: see RecordedRuns");
      }
      Files.writeString(d.resolve("stdout.txt"), p.stdout(), StandardCharsets.UTF_8);
      Files.writeString(d.resolve("stderr.txt"), p.stderr(), StandardCharsets.UTF_8);
      Files.write(d.resolve("report.txt"), run.report().lines(), StandardCharsets.UTF_8);
      // Each JVM the program forked reported on its own: report-fork-1.txt, ... in the order of
      // ProbeReport.allProcesses(), given back to the program's report with withForks on reading.
      List<ProbeReport> all = run.report().allProcesses();
      for (int k = 1; k < all.size(); k++) {
        Files.write(
            d.resolve("report-fork-" + k + ".txt"), all.get(k).lines(), StandardCharsets.UTF_8);
      }
      Files.write(d.resolve("data.txt"), encode(run), StandardCharsets.UTF_8);
    }
  }

  /** The runs recorded in {@code dir}, in order. */
  static List<Run> read(Path dir) throws IOException {
    List<Run> runs = new ArrayList<>();
    for (int i = 1; Files.isDirectory(dir.resolve("run-" + i)); i++) {
      Path d = dir.resolve("run-" + i);
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(d.resolve("run.properties"))) {
        props.load(in);
      }
      ProcessRun process =
          new ProcessRun(
              Long.parseLong(props.getProperty("pid")),
              Integer.parseInt(props.getProperty("exit.code")),
              Boolean.parseBoolean(props.getProperty("timed.out")),
              Files.readString(d.resolve("stdout.txt"), StandardCharsets.UTF_8),
              Files.readString(d.resolve("stderr.txt"), StandardCharsets.UTF_8),
              Long.parseLong(props.getProperty("stdout.dropped")),
              Long.parseLong(props.getProperty("stderr.dropped")),
              Duration.ofMillis(Long.parseLong(props.getProperty("duration.ms"))));
      String args = props.getProperty("args");
      runs.add(
          Run.recorded(
              props.getProperty("main"),
              args.isEmpty() ? List.of() : List.of(args.split(" ")),
              Integer.parseInt(props.getProperty("processors")),
              process,
              ProbeReport.parse(Files.readAllLines(d.resolve("report.txt"), StandardCharsets.UTF_8))
                  .withForks(forks(d)),
              decode(Files.readAllLines(d.resolve("data.txt"), StandardCharsets.UTF_8))));
    }
    return runs;
  }

  /** The forked JVMs' reports recorded beside the program's, in order. */
  private static List<ProbeReport> forks(Path d) throws IOException {
    List<ProbeReport> forks = new ArrayList<>();
    for (int k = 1; Files.exists(d.resolve("report-fork-" + k + ".txt")); k++) {
      forks.add(
          ProbeReport.parse(
              Files.readAllLines(d.resolve("report-fork-" + k + ".txt"), StandardCharsets.UTF_8)));
    }
    return forks;
  }

  /** The keys the exercises' interactions keep, one line per value: key, type, fields. */
  private static final List<String> KEYS =
      List.of(
          "port",
          "heavy",
          "fast",
          "shutdown",
          "expected.digest",
          "interaction.error",
          "echo.clients",
          "echo.answered",
          "echo.wrong",
          "echo.silent.port",
          "echo.silent.sent",
          "echo.silent.bytes",
          "cluster.log");

  private static List<String> encode(Run run) {
    List<String> lines = new ArrayList<>();
    for (String key : KEYS) {
      Object v = run.data(key).orElse(null);
      if (v == null) continue;
      if (v instanceof Integer n) {
        lines.add(key + "\tI\t" + n);
      } else if (v instanceof String s) {
        lines.add(key + "\tS\t" + escape(s));
      } else if (v instanceof TheHeavyRoute.Exchange e) {
        lines.add(key + "\tX\t" + exchange(e));
      } else if (v instanceof List<?> list) {
        lines.add(key + "\tL\t");
        for (Object o : list) lines.add(key + "\tLX\t" + exchange((TheHeavyRoute.Exchange) o));
      } else {
        throw new IllegalArgumentException("cannot record " + key + " = " + v.getClass());
      }
    }
    return lines;
  }

  private static Map<String, Object> decode(List<String> lines) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isEmpty()) continue;
      String[] f = line.split("\t", 3);
      switch (f[1]) {
        case "I" -> data.put(f[0], Integer.parseInt(f[2]));
        case "S" -> data.put(f[0], unescape(f[2]));
        case "X" -> data.put(f[0], exchange(f[2]));
        case "L" -> data.put(f[0], new ArrayList<>());
        case "LX" -> {
          @SuppressWarnings("unchecked")
          List<Object> list = (List<Object>) data.get(f[0]);
          list.add(exchange(f[2]));
        }
        default -> throw new IllegalArgumentException(line);
      }
    }
    return data;
  }

  private static String exchange(TheHeavyRoute.Exchange e) {
    return String.join(
        "\t",
        escape(e.path()),
        String.valueOf(e.status()),
        escape(e.body()),
        String.valueOf(e.sent()),
        String.valueOf(e.answered()),
        escape(e.error()));
  }

  private static TheHeavyRoute.Exchange exchange(String fields) {
    String[] f = fields.split("\t", -1);
    return new TheHeavyRoute.Exchange(
        unescape(f[0]),
        Integer.parseInt(f[1]),
        unescape(f[2]),
        Long.parseLong(f[3]),
        Long.parseLong(f[4]),
        unescape(f[5]));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
    }
    return b.toString();
  }
}
