package dev.workshop.cli.render;

import dev.workshop.cli.Style;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * Turns the inline children of a block into styled spans; a hard line break becomes a {@code "\n"}
 * span. With {@code marks}, code spans keep their backquotes: for plain text, where nothing else
 * sets them apart.
 */
final class InlineRenderer extends AbstractVisitor {

  private static final String EMPHASIS = "3";
  private static final String STRONG = "1";
  private static final String INLINE_CODE = "33";
  private static final String LINK_ADDRESS = "4;34";
  private static final String IMAGE = "3;90";

  private final boolean color;
  private final boolean marks;
  private final Deque<String> styles = new ArrayDeque<>();
  private final List<Span> spans = new ArrayList<>();

  private InlineRenderer(String baseSgr, boolean color, boolean marks) {
    this.color = color;
    this.marks = marks;
    styles.addLast(baseSgr);
  }

  /** The spans of {@code parent}'s inline children; without colour, code spans keep their backquotes. */
  static List<Span> render(Node parent, String baseSgr, boolean color) {
    return render(parent, baseSgr, color, !color);
  }

  static List<Span> render(Node parent, String baseSgr, boolean color, boolean marks) {
    InlineRenderer renderer = new InlineRenderer(baseSgr, color, marks);
    renderer.visitChildren(parent);
    return renderer.spans;
  }

  /** The text of a node's inline children, without any styling or link addresses. */
  static String plainText(Node parent) {
    StringBuilder text = new StringBuilder();
    for (Span span : render(parent, "", false)) {
      text.append(span.text());
    }
    return text.toString();
  }

  @Override
  public void visit(Text text) {
    add(text.getLiteral(), current());
  }

  @Override
  public void visit(Code code) {
    if (marks) {
      add("`" + code.getLiteral() + "`", current());
    } else {
      add(code.getLiteral(), Style.combine(current(), INLINE_CODE));
    }
  }

  @Override
  public void visit(Emphasis emphasis) {
    styled(emphasis, EMPHASIS);
  }

  @Override
  public void visit(StrongEmphasis strong) {
    styled(strong, STRONG);
  }

  @Override
  public void visit(SoftLineBreak softLineBreak) {
    add(" ", current());
  }

  @Override
  public void visit(HardLineBreak hardLineBreak) {
    add("\n", "");
  }

  @Override
  public void visit(HtmlInline html) {
    add(html.getLiteral().replace('\n', ' '), current());
  }

  @Override
  public void visit(Link link) {
    visitChildren(link);
    String address = link.getDestination();
    String text = plainText(link);
    if (!address.isEmpty() && !address.equals(text) && !address.equals("mailto:" + text)) {
      add(" (", current());
      add(address, Style.combine(current(), LINK_ADDRESS));
      add(")", current());
    }
  }

  @Override
  public void visit(Image image) {
    String alt = plainText(image);
    add(alt.isBlank() ? "[image]" : "[image: " + alt + "]", Style.combine(current(), IMAGE));
  }

  private void styled(Node node, String sgr) {
    styles.addLast(Style.combine(current(), sgr));
    visitChildren(node);
    styles.removeLast();
  }

  private String current() {
    return styles.getLast();
  }

  private void add(String text, String sgr) {
    spans.add(new Span(text, sgr));
  }
}
