package dev.workshop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A measuring tool, not a test: per test class, its wall time, the test JVM's CPU time, the CPU
 * time of the child processes it waited for (/proc/self/stat's cutime + cstime) and how many child
 * processes it started (sampled from /proc every 50 ms, so any child living 50 ms or more).
 * Appends one tab-separated line per class to the file named by -Dsuitecpu.out. Linux only.
 */
public final class SuiteCpu implements TestExecutionListener {
  private static final String OUT = System.getProperty("suitecpu.out", "/tmp/suitecpu.tsv");
  private final Map<String, long[]> started = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private volatile Thread sampler;

  private static long selfCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long childCpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 16 and 17 (1-based) are cutime, cstime; f[0] is field 3
      return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private void collect(long pid, Set<String> into) {
    Path task = Path.of("/proc/" + pid + "/task");
    try (var tasks = Files.list(task)) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        String kids;
        try {
          kids = Files.readString(t.resolve("children")).trim();
        } catch (IOException e) {
          continue;
        }
        if (kids.isEmpty()) continue;
        for (String k : kids.split(" ")) {
          long child = Long.parseLong(k);
          String start;
          try {
            String stat = Files.readString(Path.of("/proc/" + child + "/stat"));
            start = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
          } catch (IOException | RuntimeException e) {
            start = "?";
          }
          into.add(child + "@" + start);
          collect(child, into);
        }
      }
    } catch (IOException e) {
      // gone
    }
  }

  private synchronized void startSampler() {
    if (sampler != null) return;
    long self = ProcessHandle.current().pid();
    sampler =
        new Thread(
            () -> {
              while (true) {
                Set<String> now = new HashSet<>();
                collect(self, now);
                seen.addAll(now);
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "suitecpu-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    if (id.getSource().orElse(null) instanceof ClassSource) {
      startSampler();
      started.put(
          id.getUniqueId(),
          new long[] {System.nanoTime(), selfCpuNanos(), childCpuMillis(), seen.size()});
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    long[] s = started.remove(id.getUniqueId());
    if (s == null || !(id.getSource().orElse(null) instanceof ClassSource cs)) return;
    String line =
        String.join(
                "\t",
                Path.of(System.getProperty("user.dir")).getFileName().toString(),
                cs.getClassName(),
                String.valueOf((System.nanoTime() - s[0]) / 1_000_000),
                String.valueOf((selfCpuNanos() - s[1]) / 1_000_000),
                String.valueOf(childCpuMillis() - s[2]),
                String.valueOf(seen.size() - s[3]),
                result.getStatus().toString())
            + "\n";
    try {
      Files.writeString(
          Path.of(OUT), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("suitecpu: " + e);
    }
  }
}
