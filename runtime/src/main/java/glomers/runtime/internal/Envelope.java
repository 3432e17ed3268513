package glomers.runtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Json;
import java.io.IOException;

/**
 * The routing facts of one inbound line, found in one streaming pass so that envelope and body
 * keys may come in any order. The body itself is decoded later by a second parser from {@link
 * #openBody}, positioned where the codec wants it.
 */
final class Envelope {
  final String line;
  String src;
  String dest;
  String type;
  Long msgId;
  Long inReplyTo;
  boolean hasBody;
  /** Why this line cannot be handled although it is JSON, or null. */
  String problem;

  private Envelope(String line) {
    this.line = line;
  }

  /**
   * Reads the envelope; shape problems end up in {@link #problem}.
   *
   * @throws IOException if the line is not JSON
   */
  static Envelope parse(String line) throws IOException {
    Envelope envelope = new Envelope(line);
    try (JsonParser parser = Json.FACTORY.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        envelope.problem = "message is not a JSON object";
        parser.skipChildren();
      } else {
        envelope.readTop(parser);
      }
      if (parser.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(
            parser, "trailing content after the message object");
      }
    }
    if (envelope.problem == null) {
      envelope.problem = envelope.missing();
    }
    return envelope;
  }

  /** A parser at the body's {@code START_OBJECT}; the caller closes it. */
  JsonParser openBody() throws IOException {
    JsonParser parser = Json.FACTORY.createParser(line);
    parser.nextToken();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      JsonToken value = parser.nextToken();
      if ("body".equals(parser.currentName()) && value == JsonToken.START_OBJECT) {
        return parser;
      }
      parser.skipChildren();
    }
    parser.close();
    throw new IllegalStateException("no body object in a message that had one: " + line);
  }

  private void readTop(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "src" -> src = text(parser, value, "src");
        case "dest" -> dest = text(parser, value, "dest");
        case "body" -> {
          if (value == JsonToken.START_OBJECT) {
            hasBody = true;
            readBody(parser);
          } else {
            problemIfFirst("body is not a JSON object");
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private void readBody(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "type" -> type = text(parser, value, "body.type");
        case "msg_id" -> msgId = integer(parser, value, "body.msg_id");
        case "in_reply_to" -> inReplyTo = integer(parser, value, "body.in_reply_to");
        default -> parser.skipChildren();
      }
    }
  }

  private String missing() {
    if (src == null) {
      return "missing src";
    }
    if (!hasBody) {
      return "missing body";
    }
    if (type == null) {
      return "missing body.type";
    }
    return null;
  }

  private String text(JsonParser parser, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    problemIfFirst(field + " must be a string, got " + value);
    parser.skipChildren();
    return null;
  }

  /** Null stays null: services answer requests without msg_id with in_reply_to null. */
  private Long integer(JsonParser parser, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT) {
      return parser.getLongValue();
    }
    if (value != JsonToken.VALUE_NULL) {
      problemIfFirst(field + " must be an integer, got " + value);
      parser.skipChildren();
    }
    return null;
  }

  private void problemIfFirst(String text) {
    if (problem == null) {
      problem = text;
    }
  }
}
