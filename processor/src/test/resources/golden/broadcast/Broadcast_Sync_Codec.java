package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_Sync_Codec implements Codec<Broadcast.Sync> {
  public static final Broadcast_Sync_Codec INSTANCE = new Broadcast_Sync_Codec();

  private Broadcast_Sync_Codec() {
  }

  @Override
  public Class<Broadcast.Sync> javaType() {
    return Broadcast.Sync.class;
  }

  @Override
  public String wireType() {
    return "sync";
  }

  @Override
  public Broadcast.Sync read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "sync");
    long since = 0L;
    boolean hasSince = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "since" -> {
          since = Json.readLong(parser, "field 'since' of sync");
          hasSince = true;
        }
        default -> parser.skipChildren();
      }
    }
    Json.require(hasSince, "since", "sync");
    return new Broadcast.Sync(since);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.Sync value) throws IOException {
    generator.writeNumberField("since", value.since());
  }
}
