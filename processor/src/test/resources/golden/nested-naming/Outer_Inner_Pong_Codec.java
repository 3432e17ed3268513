package sample.nested;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Outer_Inner_Pong_Codec implements Codec<Outer.Inner.Pong> {
  public static final Outer_Inner_Pong_Codec INSTANCE = new Outer_Inner_Pong_Codec();

  private Outer_Inner_Pong_Codec() {
  }

  @Override
  public Class<Outer.Inner.Pong> javaType() {
    return Outer.Inner.Pong.class;
  }

  @Override
  public String wireType() {
    return "pong";
  }

  @Override
  public Outer.Inner.Pong read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "pong", "an object");
    }
    String to = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "to" -> to = readString(parser, "field 'to' of pong");
        default -> parser.skipChildren();
      }
    }
    return new Outer.Inner.Pong(to);
  }

  @Override
  public void writeFields(JsonGenerator generator, Outer.Inner.Pong value) throws IOException {
    if (value.to() != null) {
      generator.writeStringField("to", value.to());
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
