package dev.workshop.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the JVMs a solution forks ({@code loop.fork}, {@code Cluster.fork}) under a probe of their
 * own, through the runtime's {@code forkCommand} and {@code forkInput} hooks. The runtime's command
 * is {@code java <options> -cp <class path> dev.workshop.runtime.ForkLauncher Main args...}; under
 * the probe it becomes {@code java <options> -cp <the probe's class path>
 * dev.workshop.probe.Probe dev.workshop.runtime.ForkLauncher Main args...}, and the child gets the
 * go line on its standard input, marked {@code fork}: the same classes folder (woven in the child
 * as here), the same report socket and token. The options are this JVM's (class-data archive,
 * processor count, the probe's settings), which the runtime passes on.
 *
 * <p>Without a go line (the class-data training run) forks run as the runtime would run them.
 */
final class ForkedProbes {
  /** The runtime's first class in a forked JVM. */
  static final String FORK_LAUNCHER = "dev.workshop.runtime.ForkLauncher";

  private final String classPath;
  private volatile GoLine go;

  /**
   * @param classPath the class path this JVM started with, before the solution's folder was added
   *     to {@code java.class.path}: the class-data archive was recorded with exactly this one
   */
  ForkedProbes(String classPath) {
    this.classPath = classPath;
  }

  /** The go line this JVM got: forks get the same one. */
  void go(GoLine go) {
    this.go = go;
  }

  /** The command that runs the fork under a probe; {@code command} itself when none can. */
  List<String> command(List<String> command) {
    if (go == null) return command;
    int launcher = command.indexOf(FORK_LAUNCHER);
    int cp = command.indexOf("-cp");
    if (launcher < 0 || cp < 0 || cp + 1 >= launcher) return command;
    List<String> probed = new ArrayList<>(command.subList(0, cp));
    probed.add("-cp");
    probed.add(classPath); // the solution's classes come from the go line's folder, woven
    probed.addAll(command.subList(cp + 2, launcher));
    probed.add(Probe.class.getName());
    probed.addAll(command.subList(launcher, command.size()));
    return probed;
  }

  /** The fork's go line, or null when this JVM got none. */
  String input() {
    GoLine g = go;
    return g == null ? null : GoLine.format(g.forFork());
  }
}
