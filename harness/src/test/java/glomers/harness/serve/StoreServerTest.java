package glomers.harness.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreServerTest {
  @TempDir Path tmp;
  Path store;
  StoreServer server;

  @BeforeEach
  void start() throws IOException {
    store = tmp.resolve("store");
    Path older = store.resolve("echo/20261201T050000.000+0000");
    Path newer = store.resolve("broadcast/20261201T060000.000+0000");
    Files.createDirectories(older);
    Files.createDirectories(newer.resolve("node-logs"));
    Files.writeString(older.resolve("results.json"),
        "{\"perf\":{\"ok-latency-ms\":{\"all\":{\"0.5\":3,\"1\":9}}},\"stats\":{\"count\":5,\"ok-count\":5},\"valid?\":true}");
    Files.writeString(older.resolve("index.html"), "<html>echo report</html>");
    Files.writeString(newer.resolve("results.json"),
        "{\"net\":{\"servers\":{\"msgs-per-op\":12.5}},\"workload\":{\"stable-latencies\":{\"0.5\":250,\"1\":410}},"
            + "\"stats\":{\"count\":9,\"ok-count\":8},\"valid?\":false}");
    Files.writeString(newer.resolve("run.json"), "{\"nodes\":[\"n0\",\"n1\",\"n2\"]}");
    Files.writeString(newer.resolve("index.html"), "<html>broadcast report</html>");
    Files.writeString(newer.resolve("node-logs/n0.log"), "node log");
    Files.createSymbolicLink(store.resolve("latest"), Path.of("broadcast/20261201T060000.000+0000"));
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(store.resolve("escape"), tmp);
    Files.createSymbolicLink(newer.resolve("leak.txt"), tmp.resolve("secret.txt"));
    server = StoreServer.start(store, 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A raw request line, so that no client normalises the path first. */
  private String raw(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theFirstPageListsRunsNewestFirstWithTheirFigures() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body.indexOf("broadcast")).isLessThan(body.indexOf("echo"));
    assertThat(body).contains("href=\"/broadcast/20261201T060000.000+0000/index.html\"", "href=\"/echo/20261201T050000.000+0000/index.html\"");
    // Verdicts in the report page's words; the latency column says which latency each run's is.
    assertThat(body).contains("12.50").contains("<td class=\"invalid\">invalid</td>").contains("<td class=\"valid\">valid</td>")
        .contains("<td>3</td>").doesNotContain(">true<", ">false<");
    assertThat(body).contains("latency ms, median / max (stable, or of ok ops)")
        .contains("250 / 410 <span class=\"muted\">stable</span>").contains("3 / 9 <span class=\"muted\">ok ops</span>");
    assertThat(body.split("class=\"run\"", -1)).hasSize(3); // the latest symlink is not listed twice
  }

  @Test
  void runFilesAndFoldersAreServed() throws Exception {
    assertThat(get("/broadcast/20261201T060000.000+0000/index.html").body()).isEqualTo("<html>broadcast report</html>");
    assertThat(get("/broadcast/20261201T060000.000+0000/node-logs/n0.log").body()).isEqualTo("node log");
    assertThat(get("/latest/index.html").body()).isEqualTo("<html>broadcast report</html>");
    assertThat(get("/broadcast/20261201T060000.000+0000/").body()).contains("node-logs/");
    assertThat(get("/broadcast/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void pathsOutsideTheStoreAreRefused() throws Exception {
    assertThat(raw("/../secret.txt")).startsWith("HTTP/1.1 403").doesNotContain("\r\n\r\nsecret");
    assertThat(raw("/%2e%2e/secret.txt")).startsWith("HTTP/1.1 403");
    assertThat(raw("/echo/..%2f..%2fsecret.txt")).startsWith("HTTP/1.1 403");
    assertThat(raw("/escape/secret.txt")).startsWith("HTTP/1.1 403").doesNotContain("\r\n\r\nsecret");
    assertThat(raw("/broadcast/20261201T060000.000+0000/leak.txt")).startsWith("HTTP/1.1 403");
    assertThat(raw("/escape/")).startsWith("HTTP/1.1 403");
  }

  @Test
  void onlyTheLoopbackInterfaceIsBound() throws Exception {
    assertThat(server.port()).isPositive();
    assertThat(get("/").statusCode()).isEqualTo(200);
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(java.net.InetAddress.getLoopbackAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void bindDefaultsToLoopbackAndWarnsForAnyOtherAddress() throws Exception {
    ServeCommand defaults = new ServeCommand();
    new picocli.CommandLine(defaults).parseArgs();
    assertThat(defaults.bind).isEqualTo("127.0.0.1");
    ServeCommand everywhere = new ServeCommand();
    new picocli.CommandLine(everywhere).parseArgs("-b", "0.0.0.0", "--port", "0");
    assertThat(everywhere.bind).isEqualTo("0.0.0.0");
    ServeCommand longForm = new ServeCommand();
    new picocli.CommandLine(longForm).parseArgs("--bind", "::1");
    assertThat(longForm.bind).isEqualTo("::1");

    assertThat(ServeCommand.warning(java.net.InetAddress.getByName("127.0.0.1"))).isNull();
    assertThat(ServeCommand.warning(java.net.InetAddress.getByName("::1"))).isNull();
    assertThat(ServeCommand.warning(java.net.InetAddress.getByName("0.0.0.0")))
        .startsWith("warning: serving on 0.0.0.0, not only on this machine").contains("read the whole store");
    assertThat(ServeCommand.warning(java.net.InetAddress.getByName("192.168.1.20"))).contains("192.168.1.20");
  }
}
