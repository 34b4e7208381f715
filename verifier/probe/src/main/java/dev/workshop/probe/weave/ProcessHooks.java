package dev.workshop.probe.weave;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.StringTokenizer;

/**
 * The woven replacements of the calls that start a process ({@code ProcessBuilder.start},
 * {@code Runtime.exec}): each tells the {@link WeaveListener} the command, then makes the original
 * call, whose result and exceptions are the original's. Takes the call's site number last.
 *
 * <p>Not for learners' code to call, and public only because woven classes live in another class
 * loader.
 */
public final class ProcessHooks {
  private ProcessHooks() {}

  /** Replaces {@code builder.start()}. */
  public static Process start(ProcessBuilder builder, int site) throws IOException {
    WeaveListener l = Hooks.listener();
    Hooks.osCall(l, true, site);
    Process p;
    try {
      p = builder.start();
    } finally {
      Hooks.osCall(l, false, site);
    }
    started(p, List.copyOf(builder.command()), site);
    return p;
  }

  /** Replaces {@code runtime.exec(command)}. */
  @SuppressWarnings("deprecation")
  public static Process exec(Runtime runtime, String command, int site) throws IOException {
    WeaveListener l = Hooks.listener();
    Hooks.osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command);
    } finally {
      Hooks.osCall(l, false, site);
    }
    started(p, words(command), site);
    return p;
  }

  /** Replaces {@code runtime.exec(command, env)}. */
  @SuppressWarnings("deprecation")
  public static Process exec(Runtime runtime, String command, String[] env, int site)
      throws IOException {
    WeaveListener l = Hooks.listener();
    Hooks.osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command, env);
    } finally {
      Hooks.osCall(l, false, site);
    }
    started(p, words(command), site);
    return p;
  }

  /** Replaces {@code runtime.exec(command, env, dir)}. */
  @SuppressWarnings("deprecation")
  public static Process exec(Runtime runtime, String command, String[] env, File dir, int site)
      throws IOException {
    WeaveListener l = Hooks.listener();
    Hooks.osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command, env, dir);
    } finally {
      Hooks.osCall(l, false, site);
    }
    started(p, words(command), site);
    return p;
  }

  /** Replaces {@code runtime.exec(cmdarray)}. */
  public static Process exec(Runtime runtime, String[] command, int site) throws IOException {
    WeaveListener l = Hooks.listener();
    Hooks.osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command);
    } finally {
      Hooks.osCall(l, false, site);
    }
    started(p, List.of(command.clone()), site);
    return p;
  }

  /** Replaces {@code runtime.exec(cmdarray, env)}. */
  public static Process exec(Runtime runtime, String[] command, String[] env, int site)
      throws IOException {
    WeaveListener l = Hooks.listener();
    Hooks.osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command, env);
    } finally {
      Hooks.osCall(l, false, site);
    }
    started(p, List.of(command.clone()), site);
    return p;
  }

  /** Replaces {@code runtime.exec(cmdarray, env, dir)}. */
  public static Process exec(Runtime runtime, String[] command, String[] env, File dir, int site)
      throws IOException {
    WeaveListener l = Hooks.listener();
    Hooks.osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command, env, dir);
    } finally {
      Hooks.osCall(l, false, site);
    }
    started(p, List.of(command.clone()), site);
    return p;
  }

  private static List<String> words(String command) {
    StringTokenizer st = new StringTokenizer(command); // as Runtime.exec(String) splits it
    String[] words = new String[st.countTokens()];
    for (int i = 0; st.hasMoreTokens(); i++) words[i] = st.nextToken();
    return List.of(words);
  }

  private static void started(Process p, List<String> command, int site) {
    WeaveListener l = Hooks.listener();
    if (l == null) return;
    try {
      l.processStarted(p, command, site);
    } catch (Throwable e) {
      Hooks.failed(e);
    }
  }
}
