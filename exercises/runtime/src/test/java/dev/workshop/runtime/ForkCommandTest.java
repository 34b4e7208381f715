package dev.workshop.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForkCommandTest {

  @Test
  void optionsThatWouldCollideWithTheParentStayBehind() {
    assertFalse(Fork.inherited("-agentlib:jdwp=transport=dt_socket,server=y,address=5005"));
    assertFalse(Fork.inherited("-Xrunjdwp:transport=dt_socket"));
    assertFalse(Fork.inherited("-XX:ArchiveClassesAtExit=/tmp/a.jsa"));
    assertFalse(Fork.inherited("-XX:DumpLoadedClassList=/tmp/classes.lst"));
    assertTrue(Fork.inherited("-XX:SharedArchiveFile=/tmp/a.jsa"));
    assertTrue(Fork.inherited("-XX:ActiveProcessorCount=4"));
    assertTrue(Fork.inherited("-Dfile.encoding=UTF-8"));
    assertTrue(Fork.inherited("-Xmx256m"));
  }

  @Test
  void theChildRunsTheLauncherWithThisClassPath() {
    List<String> cmd = Fork.command("com.example.Main", new String[] {"a", "b"});
    assertTrue(cmd.get(0).startsWith(System.getProperty("java.home")), cmd.toString());
    int cp = cmd.indexOf("-cp");
    assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
    assertEquals(
        List.of(ForkLauncher.class.getName(), "com.example.Main", "a", "b"),
        cmd.subList(cp + 2, cmd.size()));
  }

  @Test
  void copiesAreNotTheOriginals() {
    record R(String s, List<Integer> xs) {}
    byte[] bytes = {1, 2, 3};
    Object copy = IpcCodec.copy(List.of(new R("x", List.of(1, 2)), bytes));
    List<?> list = (List<?>) copy;
    assertEquals(new R("x", List.of(1, 2)), list.get(0));
    byte[] copied = (byte[]) list.get(1);
    copied[0] = 9;
    assertEquals(1, bytes[0], "the sender's array is untouched");
  }
}
