package dev.workshop.cli;

import dev.workshop.probe.Portable;
import java.io.Console;
import java.util.Map;
import org.jline.jansi.AnsiConsole;
import org.jline.jansi.AnsiMode;
import org.jline.jansi.AnsiPrintStream;
import org.jline.jansi.AnsiType;
import org.jline.terminal.TerminalBuilder;

/**
 * The console where the Unix launcher did not measure it: Windows ({@code workshop.cmd} passes
 * {@code -Dworkshop.console=java}), or any system with {@code -Dworkshop.portable=true}.
 *
 * <p>There, Jansi ({@link AnsiConsole}) takes over {@code System.out} and {@code System.err}:
 * in a Windows console it turns on virtual-terminal processing, or translates the escape codes
 * into console calls where that is missing (Windows 8 and older consoles); where output is not a
 * console it strips them, so no escape code reaches a console that cannot show it. The terminal's
 * size comes from the same console. Everywhere else the launcher's properties are read ({@link
 * TerminalInfo#detect}) and nothing is installed.
 */
public final class ConsoleSetup {
  /** The system property that makes Java measure the console: {@code java}. */
  public static final String PROPERTY = "workshop.console";

  private ConsoleSetup() {}

  /** Whether Java, not the launcher, measures the console here. */
  public static boolean measuredHere() {
    return "java".equals(System.getProperty(PROPERTY)) || Portable.forced();
  }

  /**
   * What is known about the console: from the launcher's properties, or, where Java measures it,
   * after installing Jansi on {@code System.out} and {@code System.err} (call this before taking
   * either).
   */
  public static TerminalInfo terminal(Map<String, String> env) {
    if (!measuredHere()) return TerminalInfo.detect(env);
    AnsiConsole.systemInstall();
    AnsiPrintStream out = AnsiConsole.out();
    boolean outTty = console(out);
    boolean errTty = console(AnsiConsole.err());
    Console console = System.console();
    boolean inTty = outTty && console != null && isTerminal(console);
    int columns = out.getTerminalWidth();
    int rows = 0;
    try {
      rows = AnsiConsole.getTerminal().getHeight();
    } catch (RuntimeException e) {
      // unknown: the default below
    }
    TerminalInfo fallback = TerminalInfo.detect(env);
    boolean noColor = env.getOrDefault("NO_COLOR", "").length() > 0;
    return new TerminalInfo(
        outTty,
        inTty,
        columns > 0 ? columns : fallback.columns(),
        rows > 0 ? rows : fallback.rows(),
        outTty && !noColor && out.getMode() != AnsiMode.Strip,
        outTty && errTty);
  }

  /** Gives {@code System.out} and {@code System.err} back (tests). */
  static void tearDown() {
    if (AnsiConsole.isInstalled()) AnsiConsole.systemUninstall();
  }

  /**
   * The builder of the system terminal for the menu and {@code watch}: on Windows (or forced
   * portable) through the JNI provider, which talks to the Windows console; elsewhere through the
   * {@code exec} provider ({@code stty}), as tested on Linux.
   */
  public static TerminalBuilder systemTerminal() {
    boolean jni = Portable.windows() || Portable.forced();
    return TerminalBuilder.builder().system(true).jansi(false).jni(jni);
  }

  private static boolean console(AnsiPrintStream stream) {
    AnsiType type = stream.getType();
    return type != AnsiType.Redirected && type != AnsiType.Unsupported;
  }

  /** {@code Console.isTerminal()} where the JDK has it (22 and newer); before, a console is one. */
  private static boolean isTerminal(Console console) {
    try {
      return (boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
