package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workshop.runtime.instrument.CallbackKind;
import org.junit.jupiter.api.Test;

class WordsTest {
  @Test
  void oneTakesTheSingularEveryOtherCountThePlural() {
    assertEquals("1 dot", Words.count(1, "dot"));
    assertEquals("0 dots", Words.count(0, "dot"));
    assertEquals("2 dots", Words.count(2, "dot"));
    assertEquals("1 callback", Words.count(1, "callback"));
    assertEquals("1 addition is", Words.count(1, "addition is", "additions are"));
    assertEquals("3 additions are", Words.count(3, "addition is", "additions are"));
  }

  @Test
  void theArticleFollowsHowTheWordIsSaid() {
    assertEquals("an HTTP callback", Words.callback(CallbackKind.HTTP));
    assertEquals("an I/O callback", Words.callback(CallbackKind.IO));
    assertEquals("an fs callback", Words.callback(CallbackKind.FS));
    assertEquals("an after-work callback", Words.callback(CallbackKind.AFTER_WORK));
    assertEquals("an interval callback", Words.callback(CallbackKind.INTERVAL));
    assertEquals("a post callback", Words.callback(CallbackKind.POST));
    assertEquals("a timer callback", Words.callback(CallbackKind.TIMER));
    assertEquals("a process callback", Words.callback(CallbackKind.PROCESS));
    assertEquals("a JVM", Words.withArticle("JVM"));
    assertEquals("a one-shot timer", Words.withArticle("one-shot timer"));
    assertEquals("an idle loop", Words.withArticle("idle loop"));
  }

  @Test
  void quotedOutputIsOneLineAndCut() {
    assertEquals("\"a\\nb\"", Words.quoted("a\nb", 72));
    String long80 = "x".repeat(80);
    assertEquals("\"" + "x".repeat(67) + "...\"", Words.quoted(long80, 72));
    assertEquals("short", Words.abbreviate("short", 60));
    assertEquals("x".repeat(57) + "...", Words.abbreviate(long80, 60));
  }
}
