package glomers.harness.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.harness.view.RunData.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code net-journal/journal.jsonl} with jackson's streaming parser: the envelope fields, the
 * body's top-level {@code type}, {@code msg_id} and {@code in_reply_to}, and the body's raw text
 * (cut from the line, never re-serialised), so 100,000 events take a fraction of a second.
 */
final class JournalReader {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JournalReader() {}

  static void warmUp() throws IOException {
    for (int i = 0; i < 200; i++) {
      parse("{\"time\":1,\"type\":\"send\",\"id\":" + i + ",\"src\":\"n1\",\"dest\":\"n2\",\"body\":{\"type\":\"gossip\",\"msg_id\":3,\"values\":[1,2]}}");
    }
  }

  static List<Message> read(Path file, long offsetNanos) throws IOException {
    List<Message> messages = new ArrayList<>();
    if (!Files.exists(file)) {
      return messages;
    }
    Map<Long, Integer> byId = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        Event e;
        try {
          e = parse(line);
        } catch (IOException | RuntimeException bad) {
          continue; // A torn last line (a crashed run) is skipped, not fatal.
        }
        long micros = Math.floorDiv(e.time - offsetNanos, 1000);
        if ("send".equals(e.kind)) {
          byId.put(e.id, messages.size());
          messages.add(new Message(e.id, e.src, e.dest, micros, Message.NEVER, e.type, e.msgId, e.inReplyTo, e.body));
        } else if ("recv".equals(e.kind)) {
          Integer at = byId.get(e.id);
          if (at != null) {
            messages.set(at, messages.get(at).withRecv(micros));
          }
        }
      }
    }
    return messages;
  }

  private static final class Event {
    long time;
    String kind;
    long id;
    String src = "?";
    String dest = "?";
    String type = "?";
    Long msgId;
    Long inReplyTo;
    String body = "{}";
  }

  private static Event parse(String line) throws IOException {
    Event e = new Event();
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "time" -> e.time = p.getLongValue();
          case "type" -> e.kind = p.getText();
          case "id" -> e.id = p.getLongValue();
          case "src" -> e.src = p.getText();
          case "dest" -> e.dest = p.getText();
          case "body" -> {
            if (value == JsonToken.START_OBJECT) {
              int start = (int) p.currentTokenLocation().getCharOffset();
              body(p, e);
              int end = (int) p.currentLocation().getCharOffset();
              e.body = line.substring(start, end);
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    return e;
  }

  private static void body(JsonParser p, Event e) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "type" -> {
          if (value == JsonToken.VALUE_STRING) {
            e.type = p.getText();
          }
        }
        case "msg_id" -> e.msgId = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
        case "in_reply_to" -> e.inReplyTo = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
        default -> p.skipChildren();
      }
    }
  }
}
