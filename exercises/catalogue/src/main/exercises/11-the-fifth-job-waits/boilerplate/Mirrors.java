import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.net.InetAddress;

public class Mirrors {
  /**
   * Finds the address of {@code name} and hands it to {@code callback} on the loop thread, as
   * {@code callback.call(error, address)}.
   */
  static void find(EventLoop loop, String name, Callback<InetAddress> callback) {
    // Node's dns.lookup: runs on a pool thread for as long as the name server takes.
    loop.lookup(name, callback);
  }
}
