package dev.workshop.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DnsSealTest {

  @AfterEach
  void unseal() {
    Dns.unsealForTests();
  }

  @Test
  void aSealedResolverStaysAndASwapIsAClearError() throws Exception {
    InetAddress fixed = InetAddress.getByAddress("host.example", new byte[] {10, 1, 2, 3});
    Dns.setResolver(host -> List.of(fixed));
    Dns.seal();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Dns.setResolver(Dns.JDK));
    assertTrue(e.getMessage().contains("cannot be changed"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> Dns.setResolver(null));

    EventLoop loop = EventLoop.create();
    List<InetAddress> got = new ArrayList<>();
    loop.lookup("anything.example", (err, address) -> got.add(address));
    loop.run();
    assertEquals(List.of(fixed), got, "the sealed resolver still answers");
  }
}
