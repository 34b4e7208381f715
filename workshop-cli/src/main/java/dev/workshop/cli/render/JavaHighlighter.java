package dev.workshop.cli.render;

import dev.workshop.cli.Style;
import java.util.Set;

/**
 * Colours Java source for a terminal with a small lexer. It never fails: an unterminated string,
 * character literal or comment simply runs to the end of its line (strings) or of the source.
 */
public final class JavaHighlighter {

  private static final String KEYWORD = "35";
  private static final String STRING = "32";
  private static final String NUMBER = "36";
  private static final String COMMENT = "90";
  private static final String ANNOTATION = "33";

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "var",
          "record",
          "yield",
          "sealed",
          "permits");
  private static final String NON_SEALED_TAIL = "-sealed";

  private final String source;
  private final StringBuilder out = new StringBuilder();
  private int position;

  private JavaHighlighter(String source) {
    this.source = source;
  }

  /**
   * The source with keywords, string and character literals, numbers, comments and annotations in
   * colour; each line carries its own escapes, so lines can be indented or prefixed separately.
   * Returns the source unchanged when {@code color} is false.
   */
  public static String highlight(String javaSource, boolean color) {
    if (!color) {
      return javaSource;
    }
    return new JavaHighlighter(javaSource).highlight();
  }

  private String highlight() {
    while (position < source.length()) {
      char c = source.charAt(position);
      if (source.startsWith("//", position)) {
        emit(COMMENT, endOfLine(position));
      } else if (source.startsWith("/*", position)) {
        int close = source.indexOf("*/", position + 2);
        emit(COMMENT, close < 0 ? source.length() : close + 2);
      } else if (source.startsWith("\"\"\"", position)) {
        emit(STRING, endOfQuote(position + 3, "\"\"\"", true));
      } else if (c == '"' || c == '\'') {
        emit(STRING, endOfQuote(position + 1, String.valueOf(c), false));
      } else if (Character.isDigit(c) || c == '.' && Character.isDigit(charAt(position + 1))) {
        emit(NUMBER, endOfNumber());
      } else if (c == '@' && Character.isJavaIdentifierStart(charAt(position + 1))) {
        int end = endOfIdentifier(position + 1, true);
        emit(
            source.startsWith("@interface", position) && end == position + 10
                ? KEYWORD
                : ANNOTATION,
            end);
      } else if (Character.isJavaIdentifierStart(c)) {
        word();
      } else {
        out.append(c);
        position++;
      }
    }
    return out.toString();
  }

  private void word() {
    int end = endOfIdentifier(position, false);
    String word = source.substring(position, end);
    if (word.equals("non")
        && source.startsWith(NON_SEALED_TAIL, end)
        && !Character.isJavaIdentifierPart(charAt(end + NON_SEALED_TAIL.length()))) {
      emit(KEYWORD, end + NON_SEALED_TAIL.length());
    } else if (KEYWORDS.contains(word)) {
      emit(KEYWORD, end);
    } else {
      out.append(word);
      position = end;
    }
  }

  private int endOfLine(int from) {
    int newline = source.indexOf('\n', from);
    return newline < 0 ? source.length() : newline;
  }

  private int endOfQuote(int from, String closing, boolean multiline) {
    int i = from;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (source.startsWith(closing, i)) {
        return i + closing.length();
      } else if (c == '\n' && !multiline) {
        return i;
      } else {
        i++;
      }
    }
    return source.length();
  }

  private int endOfNumber() {
    boolean hex = source.regionMatches(true, position, "0x", 0, 2);
    int i = position;
    while (i < source.length()) {
      char c = source.charAt(i);
      char previous = i > position ? source.charAt(i - 1) : ' ';
      boolean exponentSign =
          (c == '+' || c == '-')
              && (hex ? previous == 'p' || previous == 'P' : previous == 'e' || previous == 'E');
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private int endOfIdentifier(int from, boolean qualified) {
    int i = from;
    while (i < source.length()
        && (Character.isJavaIdentifierPart(source.charAt(i))
            || qualified && source.charAt(i) == '.')) {
      i++;
    }
    return i;
  }

  /** The character at {@code index}, or a space past the end. */
  private char charAt(int index) {
    return index < source.length() ? source.charAt(index) : ' ';
  }

  /** Appends the source up to {@code end} in colour, closing the escape at each line end. */
  private void emit(String sgr, int end) {
    String token = source.substring(position, end);
    position = end;
    int lineStart = 0;
    for (int newline = token.indexOf('\n');
        newline >= 0;
        newline = token.indexOf('\n', lineStart)) {
      out.append(Style.sgr(token.substring(lineStart, newline), sgr, true)).append('\n');
      lineStart = newline + 1;
    }
    out.append(Style.sgr(token.substring(lineStart), sgr, true));
  }
}
