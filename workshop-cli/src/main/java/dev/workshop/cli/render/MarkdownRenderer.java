package dev.workshop.cli.render;

import dev.workshop.cli.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Renders a lesson's Markdown for a terminal, word-wrapped to a number of columns, in one of three
 * {@linkplain Look looks}: styled with ANSI escapes, laid out the same way without any escape, or
 * as plain text that keeps Markdown's own marks.
 */
public final class MarkdownRenderer {

  /** How the rendered text looks. */
  public enum Look {
    /** For a terminal with colour: styled with ANSI escapes, code blocks broken at spaces to fit. */
    COLOR,
    /**
     * For a terminal without colour ({@code NO_COLOR}, {@code --no-color}, {@code TERM=dumb}):
     * laid out as with colour (headings set apart by a line under them, bullets, code blocks
     * indented and broken at spaces to fit, no backquotes), with no escape at all.
     */
    MONOCHROME,
    /**
     * For a pipe or a file: plain text that keeps Markdown's marks ({@code # Title},
     * {@code `code`}, {@code - item}), code lines left whole.
     */
    PLAIN
  }

  private static final int MIN_WIDTH = 20;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]+)}");
  private static final String CODE_INDENT = "    ";

  /** How much further a code line's continuation is indented than the line itself. */
  private static final int CODE_HANG = 4;

  private static final String COLUMN_GAP = "  ";

  private static final String H1 = "1;4;35";
  private static final String H2 = "1;36";
  private static final String H3 = "1";
  private static final String LIST_MARKER = "36";
  private static final String QUOTE_BAR = "90";
  private static final String RULE = "90";
  private static final String CODE_BLOCK = "32";
  private static final String TABLE_HEADER = "1";

  private final boolean color;

  /** Markdown's own marks are shown ({@link Look#PLAIN}). */
  private final boolean marks;

  private final int width;
  private final Map<String, String> placeholders;
  private final Parser parser =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();

  /**
   * @param color        {@link Look#COLOR} when true, else {@link Look#PLAIN}
   * @param width        columns to wrap to; below 20 counts as 20
   * @param placeholders values for the {@code {key}} placeholders of the lesson, such as {@code appname}
   */
  public MarkdownRenderer(boolean color, int width, Map<String, String> placeholders) {
    this(color ? Look.COLOR : Look.PLAIN, width, placeholders);
  }

  /**
   * @param look         how the text looks
   * @param width        columns to wrap to; below 20 counts as 20
   * @param placeholders values for the {@code {key}} placeholders of the lesson, such as {@code appname}
   */
  public MarkdownRenderer(Look look, int width, Map<String, String> placeholders) {
    this.color = look == Look.COLOR;
    this.marks = look == Look.PLAIN;
    this.width = Math.max(MIN_WIDTH, width);
    this.placeholders = Map.copyOf(placeholders);
  }

  /** The rendered lesson: blocks separated by one blank line, ending in exactly one newline (empty if there is nothing to show). */
  public String render(String markdown) {
    Node document = parser.parse(expandPlaceholders(markdown));
    // Placeholders written with Markdown escapes, such as \{appname\}, only show up once parsed.
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text text) {
            text.setLiteral(expandPlaceholders(text.getLiteral()));
          }
        });
    List<String> lines = blocks(document, width, false);
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private String expandPlaceholders(String text) {
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      String value = placeholders.getOrDefault(placeholder.group(1), placeholder.group());
      placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(out);
    return out.toString();
  }

  /** The child blocks of {@code parent}, separated by blank lines unless {@code tight}. */
  private List<String> blocks(Node parent, int columns, boolean tight) {
    List<String> lines = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
      BlockRenderer renderer = new BlockRenderer(Math.max(1, columns));
      child.accept(renderer);
      if (renderer.lines.isEmpty()) {
        continue;
      }
      if (!tight && !lines.isEmpty()) {
        lines.add("");
      }
      lines.addAll(renderer.lines);
    }
    return lines;
  }

  /**
   * Puts {@code first} before the first line and {@code rest} before the others. Blank lines get
   * their prefix without its trailing spaces, so no line ends in whitespace.
   */
  private static List<String> prefixed(List<String> lines, String first, String rest) {
    List<String> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String prefix = i == 0 ? first : rest;
      String line = lines.get(i);
      out.add(line.isEmpty() ? prefix.stripTrailing() : prefix + line);
    }
    return out;
  }

  private List<String> wrap(Node parent, String sgr, int columns) {
    return wrapSpans(InlineRenderer.render(parent, sgr, color, marks), columns);
  }

  /**
   * Styled inline text broken into lines of at most {@code columns} columns (a word wider than
   * that is cut), a line break in the text ending a line.
   */
  private List<String> wrapSpans(List<Span> spans, int columns) {
    List<String> out = new ArrayList<>();
    for (String line : StyledLine.encodeLines(spans, color)) {
      out.addAll(WrappingWriter.wrap(line, columns, 0, true));
    }
    return out;
  }

  private String style(String text, String sgr) {
    return Style.sgr(text, sgr, color);
  }

  /** Renders one block into {@link #lines}, fitting it in {@link #columns}. */
  private final class BlockRenderer extends AbstractVisitor {

    private final int columns;
    private final List<String> lines = new ArrayList<>();

    BlockRenderer(int columns) {
      this.columns = columns;
    }

    @Override
    public void visit(Paragraph paragraph) {
      lines.addAll(wrap(paragraph, "", columns));
    }

    @Override
    public void visit(Heading heading) {
      int level = heading.getLevel();
      if (color) {
        lines.addAll(wrap(heading, level == 1 ? H1 : level == 2 ? H2 : H3, columns));
      } else if (!marks) {
        // No bold, no colour: a line under the heading sets it apart, doubled for the title.
        List<String> text = wrap(heading, "", columns);
        int longest = 0;
        for (String line : text) {
          longest = Math.max(longest, Style.width(line));
        }
        lines.addAll(text);
        lines.add((level == 1 ? "═" : level == 2 ? "─" : "┄").repeat(longest));
      } else {
        String marker = "#".repeat(level) + " ";
        List<String> text = wrap(heading, "", columns - marker.length());
        lines.addAll(prefixed(text, marker, " ".repeat(marker.length())));
      }
    }

    @Override
    public void visit(BlockQuote quote) {
      String bar = marks ? "> " : style("│", QUOTE_BAR) + " ";
      lines.addAll(prefixed(blocks(quote, columns - 2, false), bar, bar));
    }

    @Override
    public void visit(BulletList list) {
      String bullet = marks ? "-" : style("•", LIST_MARKER);
      items(list, index -> bullet, 1);
    }

    @Override
    public void visit(OrderedList list) {
      int start = Objects.requireNonNullElse(list.getMarkerStartNumber(), 1);
      String delimiter = Objects.requireNonNullElse(list.getMarkerDelimiter(), ".");
      int numberWidth = String.valueOf(start + countChildren(list) - 1).length();
      items(
          list,
          index ->
              style(String.format("%" + numberWidth + "d", start + index) + delimiter, LIST_MARKER),
          numberWidth + delimiter.length());
    }

    /** Each item's blocks go under its marker's text, so wrapped and nested lines line up with it. */
    private void items(ListBlock list, IntFunction<String> marker, int markerWidth) {
      String hanging = " ".repeat(markerWidth + 1);
      int index = 0;
      for (Node item = list.getFirstChild(); item != null; item = item.getNext(), index++) {
        List<String> content = blocks(item, columns - hanging.length(), list.isTight());
        if (index > 0 && !list.isTight()) {
          lines.add("");
        }
        lines.addAll(
            prefixed(
                content.isEmpty() ? List.of("") : content, marker.apply(index) + " ", hanging));
      }
    }

    @Override
    public void visit(FencedCodeBlock code) {
      String info = Objects.requireNonNullElse(code.getInfo(), "").strip();
      String language = info.isEmpty() ? "" : info.split("\\s+")[0].toLowerCase(Locale.ROOT);
      code(code.getLiteral(), language);
    }

    @Override
    public void visit(IndentedCodeBlock code) {
      code(code.getLiteral(), "");
    }

    private void code(String literal, String language) {
      String source = literal.stripTrailing();
      if (source.isEmpty()) {
        return;
      }
      boolean java = language.equals("java");
      String rendered = java ? JavaHighlighter.highlight(source, color) : source;
      for (String line : rendered.split("\n", -1)) {
        String styled = java ? line : style(line, CODE_BLOCK);
        if (styled.isEmpty()) {
          lines.add("");
          continue;
        }
        // In a terminal, a line too long is broken at a space, its continuation indented
        // further; in a file, code stays as written.
        List<String> parts =
            marks
                ? List.of(styled)
                : WrappingWriter.wrap(styled, columns - CODE_INDENT.length(), CODE_HANG);
        for (String part : parts) {
          lines.add(CODE_INDENT + part);
        }
      }
    }

    @Override
    public void visit(HtmlBlock html) {
      String literal = html.getLiteral().stripTrailing();
      if (!literal.isEmpty()) {
        lines.addAll(List.of(literal.split("\n", -1)));
      }
    }

    @Override
    public void visit(ThematicBreak rule) {
      lines.add(marks ? "-".repeat(columns) : style("─".repeat(columns), RULE));
    }

    @Override
    public void visit(CustomBlock block) {
      if (block instanceof TableBlock table) {
        table(table);
      } else {
        lines.addAll(blocks(block, columns, false));
      }
    }

    private void table(TableBlock table) {
      List<List<TableCell>> rows = new ArrayList<>();
      for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
        for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
          List<TableCell> cells = new ArrayList<>();
          for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            cells.add((TableCell) cell);
          }
          rows.add(cells);
        }
      }
      if (rows.isEmpty()) {
        return;
      }
      List<TableCell> header = rows.get(0);
      List<List<TableCell>> body = rows.subList(1, rows.size());
      List<List<StyledLine>> rendered = new ArrayList<>();
      int[] columnWidths = new int[header.size()];
      for (List<TableCell> row : rows) {
        List<StyledLine> cells = new ArrayList<>();
        for (int column = 0; column < Math.min(row.size(), header.size()); column++) {
          TableCell cell = row.get(column);
          StyledLine text =
              StyledLine.of(
                  InlineRenderer.render(cell, cell.isHeader() ? TABLE_HEADER : "", color, marks));
          columnWidths[column] = Math.max(columnWidths[column], text.width());
          cells.add(text);
        }
        rendered.add(cells);
      }
      int tableWidth = COLUMN_GAP.length() * (header.size() - 1);
      for (int columnWidth : columnWidths) {
        tableWidth += columnWidth;
      }
      if (tableWidth <= columns) {
        alignedTable(header, rendered, columnWidths);
      } else {
        cellPerLineTable(header, body);
      }
    }

    private void alignedTable(
        List<TableCell> header, List<List<StyledLine>> rows, int[] columnWidths) {
      List<String> separator = new ArrayList<>();
      for (int columnWidth : columnWidths) {
        separator.add((marks ? "-" : "─").repeat(columnWidth));
      }
      for (int row = 0; row < rows.size(); row++) {
        StringBuilder line = new StringBuilder();
        List<StyledLine> cells = rows.get(row);
        for (int column = 0; column < cells.size(); column++) {
          if (column > 0) {
            line.append(COLUMN_GAP);
          }
          boolean last = column == cells.size() - 1;
          line.append(
              aligned(
                  cells.get(column),
                  columnWidths[column],
                  header.get(column).getAlignment(),
                  last));
        }
        lines.add(line.toString().stripTrailing());
        if (row == 0) {
          lines.add(style(String.join(COLUMN_GAP, separator), RULE));
        }
      }
    }

    private String aligned(
        StyledLine cell, int columnWidth, TableCell.Alignment alignment, boolean last) {
      int room = columnWidth - cell.width();
      int before =
          alignment == TableCell.Alignment.RIGHT
              ? room
              : alignment == TableCell.Alignment.CENTER ? room / 2 : 0;
      int after = last ? 0 : room - before;
      return " ".repeat(before) + cell.encode(color) + " ".repeat(after);
    }

    /** For tables too wide for the terminal: one "header: value" line per cell, a blank line between rows. */
    private void cellPerLineTable(List<TableCell> header, List<List<TableCell>> body) {
      if (body.isEmpty()) {
        header.forEach(cell -> lines.addAll(wrap(cell, TABLE_HEADER, columns)));
        return;
      }
      for (List<TableCell> row : body) {
        if (!lines.isEmpty()) {
          lines.add("");
        }
        for (int column = 0; column < Math.min(row.size(), header.size()); column++) {
          List<Span> spans =
              new ArrayList<>(
                  InlineRenderer.render(header.get(column), TABLE_HEADER, color, marks));
          spans.add(new Span(": ", ""));
          spans.addAll(InlineRenderer.render(row.get(column), "", color, marks));
          lines.addAll(wrapSpans(spans, columns));
        }
      }
    }
  }

  private static int countChildren(Node parent) {
    int count = 0;
    for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
      count++;
    }
    return count;
  }
}
