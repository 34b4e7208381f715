import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.net.InetAddress;

public class Mirrors {
  /**
   * Finds the address of {@code name} and hands it to {@code callback} on the loop thread, as
   * {@code callback.call(error, address)}.
   */
  static void find(EventLoop loop, String name, Callback<InetAddress> callback) {
    // loop.lookup (Node's dns.lookup) holds a pool thread for as long as the name server takes:
    // four slow names hold all four, and the file read waits behind them. loop.resolve (Node's
    // dns.resolve4) asks on a thread of its own, outside the pool, so the pool stays free for
    // files. Its callback still runs on main; it gets every address, and find promises one.
    loop.resolve(
        name,
        (error, addresses) -> callback.call(error, error == null ? addresses.get(0) : null));
  }
}
