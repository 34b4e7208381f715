import dev.workshop.runtime.Callback;
import dev.workshop.runtime.EventLoop;
import java.net.InetAddress;
import java.util.ArrayDeque;

public class Mirrors {
  static final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  static boolean busy;

  static void find(EventLoop loop, String name, Callback<InetAddress> callback) {
    // Off the pool with loop.resolve, but gentle with the name server: one name at a time.
    waiting.add(() -> loop.resolve(name, (error, addresses) -> {
      callback.call(error, error == null ? addresses.get(0) : null);
      busy = false;
      next();
    }));
    if (!busy) next();
  }

  static void next() {
    Runnable r = waiting.poll();
    if (r == null) return;
    busy = true;
    r.run();
  }
}
