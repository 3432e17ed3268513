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
public final class Broadcast_SyncOk_Codec implements Codec<Broadcast.SyncOk> {
  public static final Broadcast_SyncOk_Codec INSTANCE = new Broadcast_SyncOk_Codec();

  private static final JsonValue<Set<Long>> VALUES = Json.set(Json.LONG);

  private Broadcast_SyncOk_Codec() {
  }

  @Override
  public Class<Broadcast.SyncOk> javaType() {
    return Broadcast.SyncOk.class;
  }

  @Override
  public String wireType() {
    return "sync_ok";
  }

  @Override
  public Broadcast.SyncOk read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "sync_ok");
    Set<Long> values = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "values" -> values = VALUES.read(parser, "field 'values' of sync_ok");
        default -> parser.skipChildren();
      }
    }
    return new Broadcast.SyncOk(values);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.SyncOk value) throws IOException {
    Json.writeField(generator, "values", value.values(), VALUES);
  }
}
