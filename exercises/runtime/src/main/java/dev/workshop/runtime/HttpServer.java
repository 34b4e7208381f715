package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A small HTTP/1.1 server whose request handlers run on the loop thread: Node's
 * {@code http.createServer}, with routes in the style of Express ({@code app.get(path, handler)}).
 * Make one with {@link EventLoop#createHttpServer()}.
 *
 * <pre>{@code
 * HttpServer server = loop.createHttpServer();
 * server.get("/hello", (req, res) -> res.send("hello " + req.query("name")));
 * server.get("/slow", (req, res) ->
 *     loop.queueWork(() -> slowAnswer(), (err, answer) -> res.send(answer))); // answers later
 * server.listen(8080, () -> System.out.println("listening on " + server.port()));
 * }</pre>
 *
 * <p>What it does:
 *
 * <ul>
 *   <li>Routes match the path exactly (without the query string) and the method. An unknown path
 *       gets {@code 404 Not Found}; a known path with another method gets
 *       {@code 405 Method Not Allowed}.
 *   <li>Handlers run on the loop thread, one at a time. A handler does not have to answer before
 *       it returns: keep the {@link Response} and {@linkplain Response#send(String) send} it
 *       later from any loop callback (an after-work callback, a timer...). Meanwhile the server
 *       keeps serving other requests, because the loop thread is free.
 *   <li>Responses carry {@code Content-Length}; connections are kept alive between requests
 *       (HTTP/1.1 keep-alive) unless the client asks to close. Requests on one connection are
 *       answered in order. Request bodies need {@code Content-Length} (chunked request bodies
 *       get {@code 501}).
 *   <li>A handler that throws is an uncaught exception: {@link EventLoop#run()} stops with an
 *       {@link UncaughtCallbackError}, as a Node program that throws in a request handler
 *       crashes. Catch errors in the handler and answer {@code 500} yourself if you want the
 *       server to survive them.
 * </ul>
 *
 * <p>While listening, the server keeps the loop alive unless {@linkplain #unref() unref'd}. Use
 * it on the loop thread only.
 */
public final class HttpServer implements Handle {

  /**
   * Handles one HTTP request, on the loop thread: Express's {@code (req, res) => ...}.
   */
  @FunctionalInterface
  public interface Handler {
    /**
     * Handles a request. Answer now or later with {@code res.send(...)}.
     *
     * @param req the request
     * @param res the response to send, exactly once
     * @throws Exception anything: it becomes an uncaught error that ends the loop's run
     */
    void handle(Request req, Response res) throws Exception;
  }

  /** The largest request body accepted: a workshop server never needs more. */
  private static final int MAX_BODY = 8 * 1024 * 1024;

  private static final int MAX_HEAD = 64 * 1024;
  private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

  private final EventLoop loop;
  private final TcpServer tcp;
  private final Map<String, Map<String, Route>> routes = new HashMap<>();
  private final Set<Session> sessions = new HashSet<>();

  HttpServer(EventLoop loop) {
    this.loop = loop;
    this.tcp = new TcpServer(loop, null, this, null);
  }

  /**
   * Handles {@code GET} requests for {@code path} (Express's {@code app.get}).
   *
   * @param path the exact path, for example {@code "/hello"}
   * @param handler the handler
   * @return this server
   */
  public HttpServer get(String path, Handler handler) {
    return addRoute("GET", path, handler);
  }

  /**
   * Handles {@code POST} requests for {@code path} (Express's {@code app.post}).
   *
   * @param path the exact path
   * @param handler the handler
   * @return this server
   */
  public HttpServer post(String path, Handler handler) {
    return addRoute("POST", path, handler);
  }

  /**
   * Handles requests with any method for {@code path}.
   *
   * @param method the HTTP method, for example {@code "PUT"} or {@code "DELETE"}
   * @param path the exact path
   * @param handler the handler
   * @return this server
   */
  public HttpServer route(String method, String path, Handler handler) {
    return addRoute(method.toUpperCase(Locale.ROOT), path, handler);
  }

  private HttpServer addRoute(String method, String path, Handler handler) {
    loop.checkThread("HttpServer.route");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
    StackTraceElement site = Instrumentation.listener() == null ? null : EventLoop.callSite();
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, new Route(handler, site));
    return this;
  }

  /**
   * Starts listening on {@code port} (Node's {@code server.listen(port, callback)}).
   *
   * @param port the port, or 0 for any free port (see {@link #port()})
   * @param onListening called on the loop thread once listening, or {@code null}
   * @return this server
   * @throws java.io.UncheckedIOException when the port cannot be bound
   */
  public HttpServer listen(int port, Runnable onListening) {
    tcp.listen(port, onListening);
    return this;
  }

  /**
   * The port the server listens on.
   *
   * @return the port, or -1 before {@code listen}
   */
  public int port() {
    return tcp.port();
  }

  /**
   * Stops listening and closes every open connection, answered or not. (Node's
   * {@code server.close()} waits for open connections; this one does not.)
   */
  @Override
  public void close() {
    loop.checkThread("HttpServer.close()");
    tcp.close();
    for (Session s : new ArrayList<>(sessions)) s.conn.closeInternal();
  }

  /**
   * Lets the loop finish even while the server listens (Node's {@code server.unref()}).
   *
   * @return this server
   */
  @Override
  public HttpServer unref() {
    tcp.unref();
    return this;
  }

  /**
   * Makes the listening server keep the loop alive again (Node's {@code server.ref()}).
   *
   * @return this server
   */
  @Override
  public HttpServer ref() {
    tcp.ref();
    return this;
  }

  /** Whether the server is listening. */
  @Override
  public boolean isActive() {
    return tcp.isActive();
  }

  @Override
  public String toString() {
    return "HttpServer[port=" + port() + ", routes=" + routes.keySet() + "]";
  }

  void attach(Connection c) {
    Session s = new Session(c);
    c.session = s;
    sessions.add(s);
  }

  private static final class Route {
    final Handler handler;
    final StackTraceElement site;

    Route(Handler handler, StackTraceElement site) {
      this.handler = handler;
      this.site = site;
    }
  }

  /** Internal: the HTTP state of one connection. */
  final class Session {
    final Connection conn;
    private byte[] buf = new byte[1024];
    private int len;
    private boolean busy;
    private boolean parsing;

    Session(Connection conn) {
      this.conn = conn;
    }

    void data(byte[] d) {
      if (len + d.length > buf.length)
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + d.length));
      System.arraycopy(d, 0, buf, len, d.length);
      len += d.length;
      if (!busy) parse();
    }

    void closed() {
      sessions.remove(this);
    }

    private void parse() {
      parsing = true;
      try {
        while (!busy && !conn.isClosed() && len > 0) {
          if (!parseOne()) return;
        }
      } finally {
        parsing = false;
      }
    }

    /** Parses and dispatches one request; false when more bytes are needed or the connection ends. */
    private boolean parseOne() {
      int headEnd = indexOf(buf, len, CRLFCRLF);
      if (headEnd < 0) {
        if (len > MAX_HEAD) fatal(431, "Request Header Fields Too Large");
        return false;
      }
      String head = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1);
      String[] lines = head.split("\r\n");
      String[] start = lines[0].split(" ");
      if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
        fatal(400, "Bad Request");
        return false;
      }
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) {
          fatal(400, "Bad Request");
          return false;
        }
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(colon + 1).trim();
        headers.merge(name, value, (a, b) -> a + ", " + b);
      }
      if (headers.containsKey("transfer-encoding")) {
        fatal(501, "Not Implemented");
        return false;
      }
      int bodyLength = 0;
      String cl = headers.get("content-length");
      if (cl != null) {
        try {
          bodyLength = Integer.parseInt(cl);
        } catch (NumberFormatException e) {
          bodyLength = -1;
        }
        if (bodyLength < 0) {
          fatal(400, "Bad Request");
          return false;
        }
        if (bodyLength > MAX_BODY) {
          fatal(413, "Payload Too Large"); // never let one request size our buffer
          return false;
        }
      }
      int total = headEnd + 4 + bodyLength;
      if (len < total) {
        if (buf.length < total) buf = Arrays.copyOf(buf, total);
        return false;
      }
      byte[] body = Arrays.copyOfRange(buf, headEnd + 4, total);
      System.arraycopy(buf, total, buf, 0, len - total);
      len -= total;

      String version = start[2];
      String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
      boolean keepAlive =
          version.equals("HTTP/1.0")
              ? connection.contains("keep-alive")
              : !connection.contains("close");
      String target = start[1];
      int q = target.indexOf('?');
      Request req =
          new Request(
              start[0],
              q < 0 ? target : target.substring(0, q),
              q < 0 ? null : target.substring(q + 1),
              headers,
              body);
      Response res = new Response(this, keepAlive);
      busy = true;
      Map<String, Route> byMethod = routes.get(req.path());
      Route route = byMethod == null ? null : byMethod.get(req.method());
      if (route == null) {
        if (byMethod == null) {
          res.status(404).send("Cannot " + req.method() + " " + req.path() + "\n");
        } else {
          res.status(405)
              .header("Allow", String.join(", ", byMethod.keySet()))
              .send("Method Not Allowed\n");
        }
      } else {
        Handler h = route.handler;
        loop.runCallback(
            CallbackKind.HTTP,
            route.site,
            () -> {
              try {
                h.handle(req, res);
              } catch (Exception e) {
                throw EventLoop.<RuntimeException>sneaky(e);
              }
            });
      }
      return true;
    }

    private void fatal(int status, String text) {
      busy = true;
      new Response(this, false).status(status).send(text + "\n");
      len = 0;
    }

    void responded(byte[] bytes, boolean keepAlive) {
      conn.send(bytes);
      busy = false;
      if (!keepAlive) {
        conn.endInternal();
        len = 0;
      } else if (!parsing && len > 0 && !conn.isClosed()) {
        loop.enqueue(new Task(null, null, this::parse));
      }
    }
  }

  private static int indexOf(byte[] a, int len, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= len; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (a[i + j] != pattern[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  /** One HTTP request (Express's {@code req}). Its methods may be called from any thread. */
  public static final class Request {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> headers;
    private final byte[] body;
    private Map<String, List<String>> query;

    Request(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
      this.method = method;
      this.path = path;
      this.rawQuery = rawQuery;
      this.headers = headers;
      this.body = body;
    }

    /**
     * The method, upper case: {@code "GET"}, {@code "POST"}...
     *
     * @return the method
     */
    public String method() {
      return method;
    }

    /**
     * The path, without the query string: {@code "/hello"} for {@code /hello?name=ada}.
     *
     * @return the path
     */
    public String path() {
      return path;
    }

    /**
     * A query-string parameter, decoded (Express's {@code req.query.name}): for
     * {@code /hello?name=ada}, {@code query("name")} is {@code "ada"}.
     *
     * @param name the parameter name
     * @return its first value, or {@code null} when absent
     */
    public synchronized String query(String name) {
      if (query == null) {
        query = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
          for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
          }
        }
      }
      List<String> values = query.get(name);
      return values == null ? null : values.get(0);
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return s;
      }
    }

    /**
     * A request header; the name is case-insensitive.
     *
     * @param name the header name, for example {@code "Content-Type"}
     * @return its value (repeated headers joined with {@code ", "}), or {@code null}
     */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * All request headers, with lower-case names.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> headers() {
      return Collections.unmodifiableMap(headers);
    }

    /**
     * The body as UTF-8 text; empty when there is none.
     *
     * @return the body
     */
    public String body() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body as bytes.
     *
     * @return a copy of the body
     */
    public byte[] bodyBytes() {
      return body.clone();
    }

    @Override
    public String toString() {
      return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery);
    }
  }

  /**
   * The answer to one request (Express's {@code res}). Set the {@linkplain #status(int) status}
   * and {@linkplain #header(String, String) headers}, then {@linkplain #send(String) send} the
   * body exactly once, on the loop thread: right away in the handler, or later from any loop
   * callback.
   */
  public static final class Response {
    private final Session session;
    private final boolean keepAlive;
    private int status = 200;
    private final Map<String, String[]> headers = new LinkedHashMap<>();
    private boolean sent;

    Response(Session session, boolean keepAlive) {
      this.session = session;
      this.keepAlive = keepAlive;
    }

    /**
     * Sets the status code (Express's {@code res.status(404)}); the default is 200.
     *
     * @param code from 100 to 599
     * @return this response
     * @throws IllegalArgumentException when {@code code} is out of range
     * @throws IllegalStateException when the response was already sent, or when called from a
     *     thread other than the loop thread
     */
    public Response status(int code) {
      if (code < 100 || code > 599)
        throw new IllegalArgumentException("HTTP status " + code + " is not between 100 and 599");
      check();
      status = code;
      return this;
    }

    /**
     * Sets a response header (Express's {@code res.set(name, value)}), replacing one with the
     * same name. {@code Content-Length} and {@code Connection} are set for you.
     *
     * @param name the header name
     * @param value the value
     * @return this response
     * @throws IllegalStateException when the response was already sent, or when called from a
     *     thread other than the loop thread
     */
    public Response header(String name, String value) {
      check();
      headers.put(name.toLowerCase(Locale.ROOT), new String[] {name, value});
      return this;
    }

    /**
     * Sends the body as UTF-8 text and finishes the response (Express's {@code res.send}). The
     * content type is {@code text/plain; charset=utf-8} unless you set one.
     *
     * @param body the body
     * @throws IllegalStateException when the response was already sent, or when called from a
     *     thread other than the loop thread (from pool work, answer in the after-work callback)
     */
    public void send(String body) {
      check();
      if (!headers.containsKey("content-type")) header("Content-Type", "text/plain; charset=utf-8");
      send(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends the body as bytes and finishes the response. The content type is
     * {@code application/octet-stream} unless you set one.
     *
     * @param body the body
     * @throws IllegalStateException when the response was already sent, or when called from a
     *     thread other than the loop thread
     */
    public void send(byte[] body) {
      check();
      if (!headers.containsKey("content-type")) header("Content-Type", "application/octet-stream");
      sent = true;
      boolean noBody = status == 204 || status == 304 || status < 200;
      ByteArrayOutputStream out = new ByteArrayOutputStream(128 + body.length);
      StringBuilder head = new StringBuilder(128);
      head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
      for (String[] h : headers.values()) {
        String lower = h[0].toLowerCase(Locale.ROOT);
        if (lower.equals("content-length") || lower.equals("connection")) continue;
        head.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      if (!noBody) head.append("Content-Length: ").append(body.length).append("\r\n");
      head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (!noBody) out.writeBytes(body);
      session.responded(out.toByteArray(), keepAlive);
    }

    /**
     * Whether the response was already sent.
     *
     * @return {@code true} after {@code send}
     */
    public boolean sent() {
      return sent;
    }

    private void check() {
      session.conn.loop.checkThread("Response");
      if (sent)
        throw new IllegalStateException("this response was already sent: send it exactly once");
    }

    private static String reason(int status) {
      switch (status) {
        case 200:
          return "OK";
        case 201:
          return "Created";
        case 202:
          return "Accepted";
        case 204:
          return "No Content";
        case 301:
          return "Moved Permanently";
        case 302:
          return "Found";
        case 304:
          return "Not Modified";
        case 400:
          return "Bad Request";
        case 401:
          return "Unauthorized";
        case 403:
          return "Forbidden";
        case 404:
          return "Not Found";
        case 405:
          return "Method Not Allowed";
        case 409:
          return "Conflict";
        case 413:
          return "Payload Too Large";
        case 429:
          return "Too Many Requests";
        case 431:
          return "Request Header Fields Too Large";
        case 500:
          return "Internal Server Error";
        case 501:
          return "Not Implemented";
        case 502:
          return "Bad Gateway";
        case 503:
          return "Service Unavailable";
        default:
          return "Status " + status;
      }
    }
  }
}
