package glomers.runtime;

import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonShapeException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Any JSON value kept as its text, so it can be echoed back verbatim (echo's payload, a KV value of
 * unknown shape). Usable as a record component type.
 */
public record RawJson(String text) {
  private static final JsonFactory FACTORY = Json.FACTORY;

  /** Copies the value the parser is at (scalar or whole structure) and leaves it on its last token. */
  public static RawJson read(JsonParser parser) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator copy = FACTORY.createGenerator(out)) {
      int depth = 0;
      do {
        JsonToken token = parser.currentToken();
        if (token == null) {
          throw new JsonShapeException("expected a JSON value, got the end of input");
        }
        if (token.isNumeric()) {
          // Numbers keep their text: jackson's own copy goes through double, turning 1.50 into 1.5
          // and rounding long decimals, and Maelstrom checks echoed values for equality.
          copy.writeNumber(parser.getText());
        } else {
          copy.copyCurrentEvent(parser);
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
      } while (depth > 0 && parser.nextToken() != null);
    }
    return new RawJson(out.toString());
  }

  public void write(JsonGenerator generator) throws IOException {
    generator.writeRawValue(text);
  }

  public static RawJson of(long value) {
    return new RawJson(Long.toString(value));
  }

  public static RawJson ofString(String value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeString(value);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return new RawJson(out.toString());
  }

  @Override
  public String toString() {
    return text;
  }
}
