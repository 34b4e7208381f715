package dev.workshop.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compile cache is a cache, not configuration: it follows the system's rules for caches. */
class CacheDirectoryTest {

  @Test
  void anOverrideWins() {
    assertEquals(
        Path.of("/c"),
        Solutions.defaultCacheDirectory(
            Map.of("WORKSHOP_CACHE", "/c", "WORKSHOP_HOME", "/w", "XDG_CACHE_HOME", "/x"),
            "Linux",
            "/u"));
  }

  @Test
  void aWorkshopHomeKeepsItsCacheInside() {
    assertEquals(
        Path.of("/w", "cache"),
        Solutions.defaultCacheDirectory(
            Map.of("WORKSHOP_HOME", "/w", "XDG_CACHE_HOME", "/x"), "Linux", "/u"));
  }

  @Test
  void xdgCacheHomeThenDotCache() {
    assertEquals(
        Path.of("/x", "workshop"),
        Solutions.defaultCacheDirectory(
            Map.of("XDG_CACHE_HOME", "/x", "XDG_CONFIG_HOME", "/cfg"), "Linux", "/u"));
    assertEquals(
        Path.of("/home/me", ".cache", "workshop"),
        Solutions.defaultCacheDirectory(Map.of("HOME", "/home/me"), "Linux", "/u"));
    assertEquals(
        Path.of("/u", ".cache", "workshop"),
        Solutions.defaultCacheDirectory(Map.of("XDG_CACHE_HOME", " "), "Linux", "/u"));
  }

  @Test
  void macOsAndWindowsUseTheirCacheFolders() {
    assertEquals(
        Path.of("/Users/me", "Library", "Caches", "workshop"),
        Solutions.defaultCacheDirectory(Map.of("HOME", "/Users/me"), "Mac OS X", "/u"));
    assertEquals(
        Path.of("/appdata", "workshop", "cache"),
        Solutions.defaultCacheDirectory(Map.of("LOCALAPPDATA", "/appdata"), "Windows 11", "/u"));
    assertEquals(
        Path.of("/u", "AppData", "Local", "workshop", "cache"),
        Solutions.defaultCacheDirectory(Map.of(), "Windows 11", "/u"));
  }
}
