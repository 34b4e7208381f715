package dev.workshop.cli.menu;

import java.io.IOError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * A full-width list that the learner walks with the arrow keys (or j/k) and picks from with Enter.
 * q, Esc and Ctrl-C leave it. It draws on the terminal's alternate screen, redraws it when the
 * window is resized, and gives back the screen as it was found when it returns.
 */
public final class Menu {
  /** What Enter chose: the index of a row, or {@link #QUIT} (q, Esc, end of input), or {@link #INTERRUPTED} (Ctrl-C). */
  public static final int QUIT = -1;

  /** Ctrl-C: the menu was left as a program is interrupted, which scripts see as exit code 130. */
  public static final int INTERRUPTED = -2;

  private enum Key {
    UP,
    DOWN,
    HOME,
    END,
    CHOOSE,
    QUIT,
    INTERRUPT
  }

  /** One row of the menu: the text, and a mark shown after it in green (such as COMPLETED). */
  public record Row(String text, String mark) {}

  private final Terminal terminal;
  private final String title;
  private final List<Row> rows;
  private final boolean color;

  public Menu(Terminal terminal, String title, List<Row> rows, boolean color) {
    this.terminal = terminal;
    this.title = title;
    this.rows = List.copyOf(rows);
    this.color = color;
  }

  /** Shows the menu with {@code start} highlighted and waits for a choice. */
  public int choose(int start) {
    Attributes saved = terminal.enterRawMode();
    // Ctrl-C arrives as a key, so that leaving the menu always restores the terminal.
    Attributes raw = new Attributes(terminal.getAttributes());
    raw.setLocalFlags(EnumSet.of(LocalFlag.ISIG), false);
    terminal.setAttributes(raw);
    // The alternate screen, as full-screen programs (less, vim) use: a resize redraws it from a
    // clean screen, and leaving gives back the screen as it was.
    terminal.puts(Capability.enter_ca_mode);
    Display display = new Display(terminal, true);
    display.resize(terminal.getHeight(), terminal.getWidth());
    terminal.puts(Capability.cursor_invisible);
    BindingReader reader = new BindingReader(terminal.reader());
    int selected = Math.max(0, Math.min(start, rows.size() - 1));
    AtomicInteger shown = new AtomicInteger(selected);
    // A resize redraws the menu for the new size at once, as JLine's line reader does: forget
    // what the screen held, take the new size, draw again. The signal comes on another thread.
    Terminal.SignalHandler previous =
        terminal.handle(
            Terminal.Signal.WINCH,
            signal -> {
              synchronized (display) {
                display.clear();
                display.resize(terminal.getHeight(), terminal.getWidth());
                display.update(lines(shown.get()), -1);
                terminal.flush();
              }
            });
    try {
      while (true) {
        shown.set(selected);
        synchronized (display) {
          display.update(lines(selected), -1);
          terminal.flush();
        }
        Key key = reader.readBinding(keys());
        if (key == null) {
          return QUIT; // end of input
        }
        switch (key) {
          case UP -> selected = (selected + rows.size() - 1) % rows.size();
          case DOWN -> selected = (selected + 1) % rows.size();
          case HOME -> selected = 0;
          case END -> selected = rows.size() - 1;
          case CHOOSE -> {
            return selected;
          }
          case QUIT -> {
            return QUIT;
          }
          case INTERRUPT -> {
            return INTERRUPTED;
          }
        }
      }
    } catch (IOError e) {
      if (e.getCause() instanceof InterruptedIOException) {
        return INTERRUPTED;
      }
      throw e;
    } finally {
      terminal.handle(Terminal.Signal.WINCH, previous);
      terminal.puts(Capability.cursor_visible);
      terminal.puts(Capability.exit_ca_mode);
      terminal.setAttributes(saved);
      terminal.flush();
    }
  }

  private KeyMap<Key> keys() {
    KeyMap<Key> keys = new KeyMap<>();
    keys.bind(Key.UP, KeyMap.key(terminal, Capability.key_up), "k", "\u001b[A", "\u001bOA");
    keys.bind(Key.DOWN, KeyMap.key(terminal, Capability.key_down), "j", "\u001b[B", "\u001bOB");
    keys.bind(Key.HOME, KeyMap.key(terminal, Capability.key_home), "g");
    keys.bind(Key.END, KeyMap.key(terminal, Capability.key_end), "G");
    keys.bind(Key.CHOOSE, "\r", "\n", " ");
    keys.bind(Key.QUIT, "q", "Q", KeyMap.ctrl('D'), KeyMap.esc());
    keys.bind(Key.INTERRUPT, KeyMap.ctrl('C'));
    keys.setAmbiguousTimeout(100);
    return keys;
  }

  /**
   * The screen for {@code selected}: the title, the rows, and the keys to press, fitted to the
   * terminal. In one too short for every row (8 lines, say) the blank lines go first, then the rows
   * scroll: a window of them that keeps {@code selected} in view, its position shown as "3/8". No
   * line is wider than the terminal (a wrapped line would push the menu off the screen).
   */
  List<AttributedString> lines(int selected) {
    int width = Math.max(20, terminal.getWidth());
    // One line is left free below the menu: drawing on the last line would scroll the screen.
    int height = terminal.getHeight() > 0 ? Math.max(4, terminal.getHeight() - 1) : 1000;
    int textWidth = 0; // marks line up in a column after the longest row
    for (Row row : rows) {
      textWidth = Math.max(textWidth, row.text().length());
    }
    boolean roomy = height >= rows.size() + 4;
    int shown = roomy ? rows.size() : Math.max(1, Math.min(rows.size(), height - 2));
    int first = Math.max(0, Math.min(selected - shown / 2, rows.size() - shown));
    List<AttributedString> lines = new ArrayList<>();
    // No box-drawing rule here: JLine draws those with the terminal's alternate character set,
    // which some terminals and multiplexers show as letters.
    lines.add(
        styled(
            clip(title, width - 1),
            AttributedStyle.BOLD.underline().foreground(AttributedStyle.CYAN)));
    if (roomy) lines.add(AttributedString.EMPTY);
    for (int i = first; i < first + shown; i++) {
      Row row = rows.get(i);
      AttributedStringBuilder line = new AttributedStringBuilder();
      boolean here = i == selected;
      String text = (here ? "» " : "  ") + row.text();
      if (!row.mark().isEmpty()) {
        text += " ".repeat(textWidth - row.text().length());
      }
      int room = width - 1 - (row.mark().isEmpty() ? 0 : row.mark().length() + 2);
      if (text.length() > room) {
        text = text.substring(0, Math.max(0, room - 1)) + "…";
      }
      line.style(
          here
              ? (color ? AttributedStyle.INVERSE.bold() : AttributedStyle.INVERSE)
              : AttributedStyle.DEFAULT);
      line.append(text);
      line.style(AttributedStyle.DEFAULT);
      if (!row.mark().isEmpty()) {
        line.append("  ");
        line.style(
            color
                ? AttributedStyle.BOLD.foreground(AttributedStyle.GREEN)
                : AttributedStyle.DEFAULT);
        line.append(row.mark());
        line.style(AttributedStyle.DEFAULT);
      }
      lines.add(line.toAttributedString());
    }
    if (roomy) lines.add(AttributedString.EMPTY);
    String position = shown < rows.size() ? (selected + 1) + "/" + rows.size() + " · " : "";
    String keys = "↑/↓ or j/k to move · Enter to choose · q to quit";
    if (position.length() + keys.length() > width - 1) keys = "↑/↓ j/k · Enter · q quits";
    lines.add(styled(clip(position + keys, width - 1), AttributedStyle.DEFAULT.faint()));
    return lines;
  }

  /** {@code text} cut to {@code room} columns, an ellipsis marking the cut. */
  private static String clip(String text, int room) {
    return text.length() <= room ? text : text.substring(0, Math.max(0, room - 1)) + "…";
  }

  private AttributedString styled(String text, AttributedStyle style) {
    return new AttributedString(text, color ? style : AttributedStyle.DEFAULT);
  }

  /** Closes the terminal, ignoring failures: there is nothing useful left to do with them. */
  public static void closeQuietly(Terminal terminal) {
    try {
      terminal.close();
    } catch (IOException e) {
      // The menu is over either way.
    }
  }
}
