package sample.nested;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
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
    Json.expectObject(parser, "ping");
    String from = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "from" -> from = Json.STRING.read(parser, "field 'from' of ping");
        default -> parser.skipChildren();
      }
    }
    return new Outer.Inner.Deep.Ping(from);
  }

  @Override
  public void writeFields(JsonGenerator generator, Outer.Inner.Deep.Ping value) throws IOException {
    Json.writeField(generator, "from", value.from(), Json.STRING);
  }
}
