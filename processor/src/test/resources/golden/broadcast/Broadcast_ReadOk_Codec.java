package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonValue;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_ReadOk_Codec implements Codec<Broadcast.ReadOk> {
  public static final Broadcast_ReadOk_Codec INSTANCE = new Broadcast_ReadOk_Codec();

  private static final JsonValue<List<Long>> MESSAGES = Json.list(Json.LONG);

  private Broadcast_ReadOk_Codec() {
  }

  @Override
  public Class<Broadcast.ReadOk> javaType() {
    return Broadcast.ReadOk.class;
  }

  @Override
  public String wireType() {
    return "read_ok";
  }

  @Override
  public Broadcast.ReadOk read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "read_ok");
    List<Long> messages = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "messages" -> messages = MESSAGES.read(parser, "field 'messages' of read_ok");
        default -> parser.skipChildren();
      }
    }
    return new Broadcast.ReadOk(messages);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.ReadOk value) throws IOException {
    Json.writeField(generator, "messages", value.messages(), MESSAGES);
  }
}
