package glomers.harness.net;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.harness.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts journal events live (docs/bench.md#journal-and-net-stats). Every message is sent once
 * and its recv carries the same id in the same group, so a group's distinct-id count equals its
 * send count.
 */
public final class NetStats {
  private final LongAdder clientSends = new LongAdder();
  private final LongAdder clientRecvs = new LongAdder();
  private final LongAdder serverSends = new LongAdder();
  private final LongAdder serverRecvs = new LongAdder();

  public void recordSend(Message message) {
    (involvesClient(message) ? clientSends : serverSends).increment();
  }

  public void recordRecv(Message message) {
    (involvesClient(message) ? clientRecvs : serverRecvs).increment();
  }

  private static boolean involvesClient(Message message) {
    return Message.isClient(message.src()) || Message.isClient(message.dest());
  }

  /**
   * Counts the events of a journal file again, for a run that never wrote its results (the bench
   * was killed). An unfinished last line, which a kill can leave, is left out; any other bad line is
   * an error.
   */
  public static NetStats read(Path journal) throws IOException {
    NetStats stats = new NetStats();
    try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      long number = 0;
      while (line != null) {
        String next = in.readLine();
        number++;
        try {
          stats.count(line);
        } catch (IOException e) {
          if (next != null) {
            throw new IOException(journal + " line " + number + ": " + e.getMessage(), e);
          }
        }
        line = next;
      }
    }
    return stats;
  }

  private void count(String line) throws IOException {
    String type = null;
    String src = null;
    String dest = null;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a journal event");
      }
      String field;
      while ((field = p.nextFieldName()) != null) {
        p.nextToken();
        switch (field) {
          case "type" -> type = p.getText();
          case "src" -> src = p.getText();
          case "dest" -> dest = p.getText();
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("an unfinished journal event");
      }
    }
    if (src == null || dest == null || !("send".equals(type) || "recv".equals(type))) {
      throw new IOException("not a journal event");
    }
    boolean client = Message.isClient(src) || Message.isClient(dest);
    if ("send".equals(type)) {
      (client ? clientSends : serverSends).increment();
    } else {
      (client ? clientRecvs : serverRecvs).increment();
    }
  }

  public long serverSends() {
    return serverSends.sum();
  }

  public long allSends() {
    return serverSends.sum() + clientSends.sum();
  }

  /** The {@code :net} result for a history with {@code opCount} client invocations. */
  public Map<String, Object> toResult(long opCount) {
    return toResult(
        clientSends.sum(), clientRecvs.sum(), serverSends.sum(), serverRecvs.sum(), opCount);
  }

  static Map<String, Object> toResult(
      long clientSend, long clientRecv, long serverSend, long serverRecv, long opCount) {
    Map<String, Object> all = group(clientSend + serverSend, clientRecv + serverRecv);
    Map<String, Object> clients = group(clientSend, clientRecv);
    Map<String, Object> servers = group(serverSend, serverRecv);
    if (opCount > 0) {
      // Maelstrom divides as 32-bit floats.
      all.put("msgs-per-op", (double) ((float) (clientSend + serverSend) / (float) opCount));
      servers.put("msgs-per-op", (double) ((float) serverSend / (float) opCount));
    }
    Map<String, Object> net = new LinkedHashMap<>();
    net.put("all", all);
    net.put("clients", clients);
    net.put("servers", servers);
    net.put("valid?", true);
    return net;
  }

  private static Map<String, Object> group(long send, long recv) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("send-count", send);
    group.put("recv-count", recv);
    group.put("msg-count", send);
    return group;
  }
}
