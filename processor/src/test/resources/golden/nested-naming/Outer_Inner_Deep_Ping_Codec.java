package sample.nested;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Outer_Inner_Deep_Ping_Codec implements Codec<Outer.Inner.Deep.Ping> {
  public static final Outer_Inner_Deep_Ping_Codec INSTANCE = new Outer_Inner_Deep_Ping_Codec();

  private Outer_Inner_Deep_Ping_Codec() {
  }

  @Override
  public Class<Outer.Inner.Deep.Ping> javaType() {
    return Outer.Inner.Deep.Ping.class;
  }

  @Override
  public String wireType() {
    return "ping";
  }

  @Override
  public Outer.Inner.Deep.Ping read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "ping", "an object");
    }
    String from = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "from" -> from = readString(parser, "field 'from' of ping");
        default -> parser.skipChildren();
      }
    }
    return new Outer.Inner.Deep.Ping(from);
  }

  @Override
  public void writeFields(JsonGenerator generator, Outer.Inner.Deep.Ping value) throws IOException {
    if (value.from() != null) {
      generator.writeStringField("from", value.from());
    }
  }

  private static String readString(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw unexpected(parser, where, "a string");
    }
    return parser.getText();
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
