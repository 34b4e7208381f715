package dev.workshop.verifier;

import dev.workshop.runtime.instrument.CallbackKind;
import java.util.Locale;

/**
 * Small English helpers for the texts a learner reads: a count with the right form of its noun
 * ("1 dot", "2 dots") and a word with the right article ("an HTTP callback", "a post callback").
 * Every method is pure and thread-safe.
 */
public final class Words {
  private Words() {}

  /**
   * The count and its noun: {@code count(1, "dot")} is "1 dot", {@code count(0, "dot")} and
   * {@code count(2, "dot")} are "0 dots" and "2 dots". The plural is the noun plus "s"; use
   * {@link #count(long, String, String)} for any other.
   */
  public static String count(long n, String noun) {
    return count(n, noun, noun + "s");
  }

  /** The count and its noun, {@code singular} for exactly 1 and {@code plural} otherwise. */
  public static String count(long n, String singular, String plural) {
    return n + " " + noun(n, singular, plural);
  }

  /** The noun alone, in the form that goes with {@code n}: for "1 of the 3 cores had no job"-like texts. */
  public static String noun(long n, String singular, String plural) {
    return n == 1 ? singular : plural;
  }

  /**
   * "a " or "an " before {@code word}, as the word is said: "an HTTP", "an fs", "an I/O", "an
   * after-work", but "a post", "a timer". A word spelt letter by letter (all capitals, or a known
   * short name such as {@code fs}) takes the article of its first letter's name.
   */
  public static String withArticle(String word) {
    return (startsWithVowelSound(word) ? "an " : "a ") + word;
  }

  /**
   * A loop callback of a kind as the runtime names it ({@code TIMER}, {@code AFTER_WORK},
   * {@code HTTP}, ...), with its article: "a timer callback", "an after-work callback", "an HTTP
   * callback", "an I/O callback".
   */
  public static String callback(CallbackKind kind) {
    return withArticle(kindName(kind)) + " callback";
  }

  /** How a callback kind reads in a sentence: {@code AFTER_WORK} is "after-work", {@code IO} is "I/O". */
  public static String kindName(CallbackKind kind) {
    return switch (kind) {
      case HTTP -> "HTTP";
      case IO -> "I/O";
      case FS -> "fs";
      default -> kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    };
  }

  /**
   * {@code text} on one line ({@code \n} for each line break), in quotes, cut to at most {@code
   * max} characters with "..." at the end: how a verdict quotes what a program printed.
   */
  public static String quoted(String text, int max) {
    String one = text.replace("\n", "\\n");
    return one.length() <= max - 2
        ? "\"" + one + "\""
        : "\"" + one.substring(0, Math.max(0, max - 5)) + "...\"";
  }

  /** {@code text} cut to at most {@code max} characters, with "..." at the end when it was cut. */
  public static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
  }

  private static boolean startsWithVowelSound(String word) {
    if (word.isEmpty()) return false;
    String letters = word.replaceAll("[^A-Za-z].*$", "");
    boolean spelt =
        letters.length() > 1 && letters.equals(letters.toUpperCase(Locale.ROOT))
            || word.equals("fs")
            || letters.length() == 1;
    char first = Character.toLowerCase(word.charAt(0));
    if (spelt) {
      // The letters whose names start with a vowel sound: a, e, f, h, i, l, m, n, o, r, s, x.
      return "aefhilmnorsx".indexOf(first) >= 0;
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.startsWith("one")
        || lower.startsWith("uni")
        || lower.startsWith("use")
        || lower.startsWith("eu")) {
      return false;
    }
    return "aeiou".indexOf(first) >= 0;
  }
}
