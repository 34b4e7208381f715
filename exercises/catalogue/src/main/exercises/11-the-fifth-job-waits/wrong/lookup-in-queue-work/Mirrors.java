import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.net.InetAddress;

public class Mirrors {
  static void find(EventLoop loop, String name, Callback<InetAddress> callback) {
    // The JDK's blocking lookup, off main on the pool: the same pool thread loop.lookup took.
    loop.queueWork(
        () -> InetAddress.getByName(name), (error, address) -> callback.call(error, address));
  }
}
