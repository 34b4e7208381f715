package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    assertEquals("an HTTP callback", Words.callback("HTTP"));
    assertEquals("an I/O callback", Words.callback("IO"));
    assertEquals("an fs callback", Words.callback("FS"));
    assertEquals("an after-work callback", Words.callback("AFTER_WORK"));
    assertEquals("an interval callback", Words.callback("INTERVAL"));
    assertEquals("a post callback", Words.callback("POST"));
    assertEquals("a timer callback", Words.callback("TIMER"));
    assertEquals("a process callback", Words.callback("PROCESS"));
    assertEquals("a JVM", Words.withArticle("JVM"));
    assertEquals("a one-shot timer", Words.withArticle("one-shot timer"));
    assertEquals("an idle loop", Words.withArticle("idle loop"));
  }
}
