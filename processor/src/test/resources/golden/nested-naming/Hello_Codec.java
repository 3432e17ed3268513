package sample.nested;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Hello_Codec implements Codec<Hello> {
  public static final Hello_Codec INSTANCE = new Hello_Codec();

  private Hello_Codec() {
  }

  @Override
  public Class<Hello> javaType() {
    return Hello.class;
  }

  @Override
  public String wireType() {
    return "hello";
  }

  @Override
  public Hello read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "hello", "an object");
    }
    String greeting = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "greeting" -> greeting = readString(parser, "field 'greeting' of hello");
        default -> parser.skipChildren();
      }
    }
    return new Hello(greeting);
  }

  @Override
  public void writeFields(JsonGenerator generator, Hello value) throws IOException {
    if (value.greeting() != null) {
      generator.writeStringField("greeting", value.greeting());
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
