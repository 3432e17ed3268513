package glomers.harness.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a store directory over HTTP, on the loopback interface unless told otherwise: {@code /} lists the runs
 * ({@link RunList}), any other path is a file or folder of the store. Paths that leave the store,
 * by {@code ..} or by a symlink pointing outside it, are refused with 403; missing ones get 404.
 */
public final class StoreServer implements AutoCloseable {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("json", "application/json; charset=utf-8"),
      Map.entry("jsonl", "text/plain; charset=utf-8"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("log", "text/plain; charset=utf-8"),
      Map.entry("edn", "text/plain; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"));

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path root;

  private StoreServer(HttpServer server, ExecutorService executor, Path root) {
    this.server = server;
    this.executor = executor;
    this.root = root;
  }

  /** Starts serving {@code store} on 127.0.0.1:{@code port} (0 picks a free port). */
  public static StoreServer start(Path store, int port) throws IOException {
    return start(store, InetAddress.getLoopbackAddress(), port);
  }

  /** Starts serving {@code store} on {@code address}:{@code port}. */
  public static StoreServer start(Path store, InetAddress address, int port) throws IOException {
    Path root = store.toRealPath();
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "serve");
      t.setDaemon(true);
      return t;
    });
    StoreServer s = new StoreServer(server, executor, root);
    server.createContext("/", s::handle);
    server.setExecutor(executor);
    server.start();
    return s;
  }

  /** The address and port it listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      String rawPath = exchange.getRequestURI().getRawPath();
      Path target = resolve(rawPath);
      if (target == null) {
        send(exchange, 403, "text/plain; charset=utf-8", "forbidden: outside the store\n");
        return;
      }
      if (rawPath.equals("/")) {
        send(exchange, 200, TYPES.get("html"), RunList.page(root));
        return;
      }
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target)) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        return;
      }
      Path real;
      try {
        real = target.toRealPath();
      } catch (IOException e) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        return;
      }
      if (!real.startsWith(root)) {
        send(exchange, 403, "text/plain; charset=utf-8", "forbidden: outside the store\n");
        return;
      }
      if (Files.isDirectory(real)) {
        if (!rawPath.endsWith("/")) {
          exchange.getResponseHeaders().set("Location", rawPath + "/");
          send(exchange, 301, "text/plain; charset=utf-8", "moved\n");
          return;
        }
        send(exchange, 200, TYPES.get("html"), RunList.folder(root, real, rawPath));
        return;
      }
      String name = real.getFileName().toString();
      String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
      exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
      long size = Files.size(real);
      if ("HEAD".equals(method)) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
      try (OutputStream out = exchange.getResponseBody()) {
        Files.copy(real, out);
      }
    } catch (RuntimeException e) {
      // One bad request must not stop the server.
    }
  }

  /** The store path a request names, or null if any segment tries to leave the store. */
  Path resolve(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return null;
    }
    Path at = root;
    for (String raw : rawPath.substring(1).split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String segment;
      try {
        segment = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (segment.equals("..") || segment.equals(".") || segment.contains("/") || segment.contains("\\")
          || segment.indexOf('\0') >= 0) {
        return null;
      }
      at = at.resolve(segment);
    }
    return at.normalize().startsWith(root) ? at : null;
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

}
