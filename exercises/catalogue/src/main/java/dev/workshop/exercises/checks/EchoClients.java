package dev.workshop.exercises.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SOCKETS DON'T WAIT's clients, all driven by one thread of the verifier with a {@link Selector}:
 * quick clients send their lines at once, slow ones a byte at a time, and one client sends a lot
 * without reading its replies until the others are done. Each client compares what came back with
 * what it sent, byte for byte. Every wait ends by one deadline.
 */
final class EchoClients {

  /** What kind of client: quick, slow (a byte at a time), or one that stops reading. */
  enum Kind {
    QUICK,
    SLOW,
    SILENT
  }

  /** The settings, from exercise.properties. */
  record Plan(
      int clients,
      int quickLines,
      int slowClients,
      long slowIntervalMs,
      int silentLines,
      int silentLineBytes,
      int silentReceiveBuffer,
      long silentStuckMs,
      long stallMs) {}

  /** One client's outcome: which, its own port, and what went wrong ("" when nothing did). */
  record Outcome(Kind kind, int index, int port, int expected, int received, String error) {}

  /** All outcomes, and what the client that stopped reading managed to send before it read. */
  record Result(List<Outcome> outcomes, int silentPort, long silentSentBeforeReading) {}

  private static final class Client {
    final Kind kind;
    final int index;
    final byte[] out;
    int received;
    SocketChannel channel;
    SelectionKey key;
    int port = -1;
    int sent;
    long nextByteAt;
    boolean connected;
    boolean reading;
    boolean done;
    String error = "";
    long stuckSince = -1;

    Client(Kind kind, int index, byte[] out) {
      this.kind = kind;
      this.index = index;
      this.out = out;
      this.reading = kind != Kind.SILENT;
    }

    String name() {
      return switch (kind) {
        case QUICK -> "client " + index;
        case SLOW -> "slow client " + index;
        case SILENT -> "the client that stopped reading";
      };
    }
  }

  private EchoClients() {}

  /** The lines one client sends, as bytes. */
  static byte[] lines(Kind kind, int index, Plan plan) {
    StringBuilder b = new StringBuilder();
    switch (kind) {
      case QUICK -> {
        for (int j = 1; j <= plan.quickLines(); j++) {
          b.append("client ").append(index).append(" line ").append(j).append('\n');
        }
      }
      case SLOW -> b.append("slow ").append(index).append('\n');
      case SILENT -> {
        for (int j = 1; j <= plan.silentLines(); j++) {
          String head = "line " + j + " ";
          b.append(head)
              .append(".".repeat(plan.silentLineBytes() - head.length() - 1))
              .append('\n');
        }
      }
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Runs every client against 127.0.0.1:port until all are done, or stalled, or the deadline. */
  static Result run(int port, Plan plan, long deadline) throws IOException {
    List<Client> clients = new ArrayList<>();
    int quick = plan.clients() - plan.slowClients() - 1;
    for (int i = 1; i <= quick; i++)
      clients.add(new Client(Kind.QUICK, i, lines(Kind.QUICK, i, plan)));
    for (int i = 1; i <= plan.slowClients(); i++) {
      clients.add(new Client(Kind.SLOW, i, lines(Kind.SLOW, i, plan)));
    }
    Client silent = new Client(Kind.SILENT, 1, lines(Kind.SILENT, 1, plan));
    clients.add(1 + quick / 2, silent); // among the others, not first nor last
    long silentSent = -1;
    try (Selector selector = Selector.open()) {
      InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
      for (Client c : clients) {
        c.channel = SocketChannel.open();
        c.channel.configureBlocking(false);
        c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (c.kind == Kind.SILENT) {
          // Small buffers: the replies it does not read pile up in the server, not in this
          // socket, and a server that stops reading from it soon makes its writes wait.
          c.channel.setOption(StandardSocketOptions.SO_RCVBUF, plan.silentReceiveBuffer());
          c.channel.setOption(StandardSocketOptions.SO_SNDBUF, plan.silentReceiveBuffer());
        }
        c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
        if (c.channel.connect(server)) connected(c, System.nanoTime(), plan);
      }
      long lastProgress = System.nanoTime();
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      while (true) {
        long now = System.nanoTime();
        boolean othersDone = clients.stream().allMatch(c -> c.done || c.kind == Kind.SILENT);
        if (othersDone && silent.done) break;
        if (now >= deadline) break;
        if (now - lastProgress > plan.stallMs() * 1_000_000L) break;
        if (othersDone && !silent.reading && silent.connected) {
          boolean stuck =
              silent.sent == silent.out.length
                  || (silent.stuckSince >= 0
                      && now - silent.stuckSince >= plan.silentStuckMs() * 1_000_000L);
          if (stuck) {
            silent.reading = true;
            silentSent = silent.sent;
            interest(silent);
          }
        }
        long wait = Math.min(deadline - now, 20_000_000L);
        for (Client c : clients) {
          if (c.kind == Kind.SLOW && c.connected && !c.done && c.sent < c.out.length) {
            wait = Math.min(wait, Math.max(0, c.nextByteAt - now));
          }
        }
        selector.select(Math.max(1, wait / 1_000_000L));
        now = System.nanoTime();
        for (SelectionKey k : selector.selectedKeys()) {
          Client c = (Client) k.attachment();
          if (!k.isValid() || c.done) continue;
          try {
            if (k.isConnectable() && c.channel.finishConnect()) connected(c, now, plan);
            if (k.isValid() && k.isReadable() && c.reading) {
              buf.clear();
              int n = c.channel.read(buf);
              if (n > 0) {
                lastProgress = now;
                compare(c, buf.array(), n);
              } else if (n < 0) {
                finish(c, "the server closed the connection");
              }
            }
            if (k.isValid() && k.isWritable() && !c.done && c.kind != Kind.SLOW) {
              if (send(c, c.out.length - c.sent, now)) lastProgress = now;
            }
          } catch (IOException e) {
            finish(c, "the connection failed: " + e.getMessage());
          }
        }
        selector.selectedKeys().clear();
        for (Client c : clients) {
          if (c.kind == Kind.SLOW && c.connected && !c.done && c.sent < c.out.length) {
            if (now >= c.nextByteAt) {
              try {
                if (send(c, 1, now)) lastProgress = now;
              } catch (IOException e) {
                finish(c, "the connection failed: " + e.getMessage());
              }
              c.nextByteAt = now + plan.slowIntervalMs() * 1_000_000L;
            }
          }
        }
      }
      List<Outcome> outcomes = new ArrayList<>();
      long end = System.nanoTime();
      for (Client c : clients) {
        if (!c.done) {
          c.error =
              !c.connected
                  ? "it could not connect"
                  : c.kind == Kind.SILENT && !c.reading
                      ? "it waited for the other clients to be answered, and never started"
                          + " reading"
                      : end >= deadline
                          ? "no full answer before the verifier's deadline"
                          : "no full answer: nothing more came for " + plan.stallMs() + " ms";
        }
        try {
          c.channel.close();
        } catch (IOException e) {
          // closing anyway
        }
        outcomes.add(new Outcome(c.kind, c.index, c.port, c.out.length, c.received, c.error));
      }
      return new Result(outcomes, silent.port, silentSent < 0 ? silent.sent : silentSent);
    }
  }

  private static void connected(Client c, long now, Plan plan) throws IOException {
    c.connected = true;
    c.port = ((InetSocketAddress) c.channel.getLocalAddress()).getPort();
    c.nextByteAt = now;
    interest(c);
  }

  private static void interest(Client c) {
    int ops = 0;
    if (c.reading) ops |= SelectionKey.OP_READ;
    if (c.kind != Kind.SLOW && c.sent < c.out.length) ops |= SelectionKey.OP_WRITE;
    c.key.interestOps(ops);
  }

  /** Sends up to {@code max} more bytes; whether any went. Tracks when the client got stuck. */
  private static boolean send(Client c, int max, long now) throws IOException {
    int wanted = Math.min(max, c.out.length - c.sent);
    int n = c.channel.write(ByteBuffer.wrap(c.out, c.sent, wanted));
    c.sent += n;
    // Stuck from the first write that could not send everything, until one does.
    if (n == wanted) c.stuckSince = -1;
    else if (n > 0 || c.stuckSince < 0) c.stuckSince = now;
    if (c.sent == c.out.length && c.kind != Kind.SLOW) interest(c);
    return n > 0;
  }

  /** Compares the bytes that just came back with what was sent; done when all came back. */
  private static void compare(Client c, byte[] got, int n) {
    for (int i = 0; i < n; i++) {
      int at = c.received + i;
      if (at >= c.out.length || got[i] != c.out[at]) {
        c.received = at;
        finish(
            c,
            "after "
                + at
                + " right bytes it got "
                + quote(got, i, n)
                + " where "
                + (at >= c.out.length ? "nothing more" : quote(c.out, at, c.out.length))
                + " was expected");
        return;
      }
    }
    c.received += n;
    if (c.received == c.out.length) finish(c, "");
  }

  private static String quote(byte[] b, int i, int length) {
    int to = Math.min(length, i + 24);
    String s = new String(b, i, to - i, StandardCharsets.US_ASCII);
    return "\"" + s.replace("\n", "\\n") + (to < length ? "..." : "") + "\"";
  }

  private static void finish(Client c, String error) {
    c.done = true;
    c.error = error;
    try {
      c.channel.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
