package dev.workshop.runtime;

import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Internal: the listening socket of a {@link TcpServer}, shared between cluster workers (see
 * {@link Cluster}). Outside a cluster worker it is a plain listening socket.
 *
 * <p>In a worker, {@code reuseport} mode: the worker's own socket, with {@code SO_REUSEPORT}; for
 * port 0, the primary picks one free port for all (it holds it with a bound, not listening,
 * socket). {@code relay} mode: the worker listens on a private port of {@code 127.0.0.1} and asks
 * the primary to listen on the public port; the primary accepts and relays each connection to the
 * next worker, round-robin, copying bytes both ways on two threads per connection.
 */
final class ClusterPort {
  /** A listening socket and the port clients connect to. */
  record Bound(ServerSocketChannel channel, int port) {}

  /** Primary side, per host and port: the relay, or the reserved port. Guarded by the class. */
  private static final Map<String, Relay> RELAYS = new HashMap<>();

  private ClusterPort() {}

  /** Opens the listening socket for {@code host:port}; on a loop thread. */
  static Bound bind(String host, int port) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      if (!Cluster.isWorker()) {
        channel.bind(address(host, port), 511);
        return new Bound(channel, localPort(channel));
      }
      if (Cluster.mode().equals("reuseport")) {
        int shared = port == 0 ? askPrimary(host, 0, -1) : port;
        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        channel.bind(address(host, shared), 511);
        return new Bound(channel, shared);
      }
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 511);
      return new Bound(channel, askPrimary(host, port, localPort(channel)));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static int askPrimary(String host, int port, int privatePort) throws IOException {
    String question = (host == null ? "" : host) + "|" + port + "|" + privatePort;
    String answer =
        new String(
            Parent.request(IpcChannel.LISTEN, question.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);
    if (answer.startsWith("K")) return Integer.parseInt(answer.substring(1));
    throw new IOException(answer.substring(1));
  }

  /** Primary side: answers a worker's {@code LISTEN}, on the worker channel's reading thread. */
  static byte[] answer(ChildProcess worker, byte[] question) {
    String[] parts = new String(question, StandardCharsets.UTF_8).split("\\|", -1);
    String host = parts[0].isEmpty() ? null : parts[0];
    int port = Integer.parseInt(parts[1]);
    int privatePort = Integer.parseInt(parts[2]);
    String answer;
    try {
      answer = "K" + listen(worker, host, port, privatePort);
    } catch (IOException | RuntimeException e) {
      answer = "Ecannot listen on port " + port + ": " + e.getMessage();
    }
    return answer.getBytes(StandardCharsets.UTF_8);
  }

  private static synchronized int listen(
      ChildProcess worker, String host, int port, int privatePort) throws IOException {
    String key = (privatePort < 0 ? "reserve " : "relay ") + host + ":" + port;
    Relay relay = RELAYS.get(key);
    if (relay == null) {
      relay = privatePort < 0 ? Relay.reserve(host) : Relay.open(host, port);
      RELAYS.put(key, relay);
    }
    relay.workers.add(new Target(worker, privatePort));
    return relay.port;
  }

  /** Primary side: a worker exited; its relays and reservations forget it. */
  static synchronized void workerGone(ChildProcess worker) {
    RELAYS
        .values()
        .removeIf(
            r -> {
              r.workers.removeIf(t -> t.worker == worker);
              if (!r.workers.isEmpty()) return false;
              r.close();
              return true;
            });
  }

  private static synchronized Target next(Relay relay) {
    if (relay.workers.isEmpty()) return null;
    Target t = relay.workers.get(relay.next++ % relay.workers.size());
    return t;
  }

  private static synchronized void drop(Relay relay, Target t) {
    relay.workers.remove(t);
  }

  private record Target(ChildProcess worker, int port) {}

  /** A public port of the primary's: relayed to workers, or only held (reserved). */
  private static final class Relay {
    final List<Target> workers = new ArrayList<>();
    final int port;
    final java.io.Closeable socket;
    int next;

    private Relay(int port, java.io.Closeable socket) {
      this.port = port;
      this.socket = socket;
    }

    /** Holds a free port for the workers' {@code SO_REUSEPORT} sockets: bound, not listening. */
    static Relay reserve(String host) throws IOException {
      Socket s = new Socket();
      try {
        s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        s.bind(address(host, 0));
      } catch (IOException | RuntimeException e) {
        s.close();
        throw e;
      }
      return new Relay(s.getLocalPort(), s);
    }

    static Relay open(String host, int port) throws IOException {
      ServerSocket server = new ServerSocket();
      try {
        server.bind(address(host, port), 511);
      } catch (IOException e) {
        server.close();
        throw e;
      }
      Relay r = new Relay(server.getLocalPort(), server);
      start(() -> r.accept(server), "cluster-relay-" + r.port);
      return r;
    }

    private void accept(ServerSocket server) {
      for (; ; ) {
        Socket client;
        try {
          client = server.accept();
        } catch (IOException e) {
          return; // closed: the last worker is gone
        }
        Socket upstream = null;
        for (Target t; upstream == null && (t = next(this)) != null; ) {
          Socket s = new Socket();
          try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), t.port()), 5000);
            upstream = s;
          } catch (IOException e) {
            closeQuietly(s);
            drop(this, t); // that worker stopped listening
          }
        }
        if (upstream == null) {
          closeQuietly(client);
          continue;
        }
        AtomicInteger open = new AtomicInteger(2);
        Socket up = upstream;
        start(() -> pipe(client, up, open), "cluster-relay-" + port + "-in");
        start(() -> pipe(up, client, open), "cluster-relay-" + port + "-out");
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closed anyway
      }
    }
  }

  /** Copies {@code from} to {@code to} until the end; the second pipe to end closes both. */
  private static void pipe(Socket from, Socket to, AtomicInteger open) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
    if (open.decrementAndGet() == 0) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void start(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null) listener.runtimeThreadStarting(t);
    t.start();
  }

  private static InetSocketAddress address(String host, int port) {
    return host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  private static int localPort(ServerSocketChannel c) throws IOException {
    return ((InetSocketAddress) c.getLocalAddress()).getPort();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closed anyway
    }
  }
}
