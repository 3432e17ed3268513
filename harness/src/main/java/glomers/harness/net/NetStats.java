package glomers.harness.net;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.harness.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The counts so far: sends and recvs of messages to or from a client, and of the others. */
  public Counts counts() {
    return new Counts(clientSends.sum(), clientRecvs.sum(), serverSends.sum(), serverRecvs.sum());
  }

  /** Sends and recvs of messages to or from a client, and of messages between servers (nodes and services). */
  public record Counts(long clientSend, long clientRecv, long serverSend, long serverRecv) {}
}
