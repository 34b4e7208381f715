import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.net.InetAddress;

public class Mirrors {
  static void find(EventLoop loop, String name, Callback<InetAddress> callback) {
    // Off the pool, but on a thread of its own making: the answer comes back to main correctly.
    new Thread(() -> {
      try {
        InetAddress address = InetAddress.getByName(name);
        loop.post(() -> callback.call(null, address));
      } catch (Exception e) {
        loop.post(() -> callback.call(e, null));
      }
    }).start();
  }
}
