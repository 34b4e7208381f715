import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.ThreadPool;
import java.net.InetAddress;

public class Mirrors {
  static boolean grown;

  static void find(EventLoop loop, String name, Callback<InetAddress> callback) {
    // Four lookups and a read: five jobs, so give the pool more threads.
    if (!grown) {
      grown = true;
      ThreadPool.setSize(16);
    }
    loop.lookup(name, callback);
  }
}
