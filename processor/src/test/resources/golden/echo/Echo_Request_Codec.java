package sample.echo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import glomers.runtime.json.RawJson;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Echo_Request_Codec implements Codec<Echo.Request> {
  public static final Echo_Request_Codec INSTANCE = new Echo_Request_Codec();

  private Echo_Request_Codec() {
  }

  @Override
  public Class<Echo.Request> javaType() {
    return Echo.Request.class;
  }

  @Override
  public String wireType() {
    return "echo";
  }

  @Override
  public Echo.Request read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "echo", "an object");
    }
    RawJson echo = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "echo" -> echo = RawJson.read(parser);
        default -> parser.skipChildren();
      }
    }
    return new Echo.Request(echo);
  }

  @Override
  public void writeFields(JsonGenerator generator, Echo.Request value) throws IOException {
    if (value.echo() != null) {
      generator.writeFieldName("echo");
      value.echo().write(generator);
    }
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
