package glomers.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
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
      copy.copyCurrentStructure(parser);
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
