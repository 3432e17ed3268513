package sample.nested;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
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
    Json.expectObject(parser, "pong");
    String to = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "to" -> to = Json.STRING.read(parser, "field 'to' of pong");
        default -> parser.skipChildren();
      }
    }
    return new Outer.Inner.Pong(to);
  }

  @Override
  public void writeFields(JsonGenerator generator, Outer.Inner.Pong value) throws IOException {
    Json.writeField(generator, "to", value.to(), Json.STRING);
  }
}
