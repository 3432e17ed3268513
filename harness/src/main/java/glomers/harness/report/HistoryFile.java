package glomers.harness.report;

import com.fasterxml.jackson.databind.util.RawValue;
import glomers.harness.checker.History;
import glomers.harness.history.Op;
import glomers.harness.history.ProcessClient;
import glomers.harness.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * history.jsonl and history.txt, appended op by op: a run streams its history here as it goes (so a
 * killed bench leaves its history up to the last flush), and a whole history written at once gives
 * the same bytes.
 */
public final class HistoryFile implements AutoCloseable {
  private final BufferedWriter jsonl;
  private final BufferedWriter txt;

  private HistoryFile(BufferedWriter jsonl, BufferedWriter txt) {
    this.jsonl = jsonl;
    this.txt = txt;
  }

  /** Creates (or truncates) both files in {@code dir}. */
  public static HistoryFile create(Path dir) throws IOException {
    BufferedWriter jsonl = Files.newBufferedWriter(dir.resolve("history.jsonl"), StandardCharsets.UTF_8);
    try {
      return new HistoryFile(jsonl, Files.newBufferedWriter(dir.resolve("history.txt"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      jsonl.close();
      throw e;
    }
  }

  /**
   * One line per op in each file; a client op whose process is in {@code clients} names its
   * connection and node.
   */
  public void append(List<Op> ops, Map<Integer, ProcessClient> clients) throws IOException {
    for (Op op : ops) {
      Map<String, Object> json = History.toJson(op);
      // A read's value can hold thousands of elements: write it once for both files.
      String value = Json.write(op.value());
      json.put("value", new RawValue(value));
      ProcessClient client = op.isClient() ? clients.get(op.process()) : null;
      if (client != null) {
        json.put("client", client.connection());
        json.put("node", client.node());
      }
      jsonl.write(Json.write(json));
      jsonl.newLine();
      txt.write(
          String.join(
              "\t",
              String.format(java.util.Locale.ROOT, "%.3f", op.time() / 1e6),
              op.isClient() ? Integer.toString(op.process()) : "nemesis",
              client == null ? "" : client.connection(),
              client == null ? "" : client.node(),
              op.type().wire(),
              op.f(),
              value,
              op.error() == null ? "" : Json.write(op.error())));
      txt.newLine();
    }
  }

  /** Hands what was appended so far to the OS, where it survives the bench being killed. */
  public void flush() throws IOException {
    jsonl.flush();
    txt.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      jsonl.close();
    } finally {
      txt.close();
    }
  }
}
