import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.net.InetAddress;
import java.net.UnknownHostException;

public class Mirrors {
  static void find(EventLoop loop, String name, Callback<InetAddress> callback) {
    // No pool at all: the JDK's own lookup, right here.
    try {
      callback.call(null, InetAddress.getByName(name));
    } catch (UnknownHostException e) {
      callback.call(e, null);
    }
  }
}
