package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonValue;
import java.io.IOException;
import java.util.Set;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_Gossip_Codec implements Codec<Broadcast.Gossip> {
  public static final Broadcast_Gossip_Codec INSTANCE = new Broadcast_Gossip_Codec();

  private static final JsonValue<Set<Long>> VALUES = Json.set(Json.LONG);

  private Broadcast_Gossip_Codec() {
  }

  @Override
  public Class<Broadcast.Gossip> javaType() {
    return Broadcast.Gossip.class;
  }

  @Override
  public String wireType() {
    return "gossip";
  }

  @Override
  public Broadcast.Gossip read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "gossip");
    Set<Long> values = null;
    String sender = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "values" -> values = VALUES.read(parser, "field 'values' of gossip");
        case "from" -> sender = Json.STRING.read(parser, "field 'from' of gossip");
        default -> parser.skipChildren();
      }
    }
    return new Broadcast.Gossip(values, sender);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.Gossip value) throws IOException {
    Json.writeField(generator, "values", value.values(), VALUES);
    Json.writeField(generator, "from", value.sender(), Json.STRING);
  }
}
