package dev.workshop.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages between processes are copied; memory is not shared between processes. */
class IpcCodecTest {

  @Test
  void aSharedBufferCannotBeSentToAnotherProcess() {
    SharedBuffer shared = SharedBuffer.ofInts(4);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IpcCodec.encode(List.of(1, shared)));
    assertTrue(e.getMessage().contains("SharedBuffer"), e.getMessage());
  }

  @Test
  void plainDataTravelsAsACopy() {
    Object message = Map.of("n", 42, "words", List.of("a", "b"));
    Object copy = IpcCodec.decode(IpcCodec.encode(message), getClass().getClassLoader());
    assertEquals(message, copy);
  }
}
