import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.net.InetAddress;

public class Mirrors {
  static void find(EventLoop loop, String name, Callback<InetAddress> callback) {
    // Resolves off the pool and answers as soon as the address is known: on the resolving
    // thread, not on main.
    new Thread(() -> {
      try {
        callback.call(null, InetAddress.getByName(name));
      } catch (Exception e) {
        callback.call(e, null);
      }
    }).start();
  }
}
