package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_Add_Codec implements Codec<Broadcast.Add> {
  public static final Broadcast_Add_Codec INSTANCE = new Broadcast_Add_Codec();

  private Broadcast_Add_Codec() {
  }

  @Override
  public Class<Broadcast.Add> javaType() {
    return Broadcast.Add.class;
  }

  @Override
  public String wireType() {
    return "broadcast";
  }

  @Override
  public Broadcast.Add read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "broadcast");
    long message = 0L;
    boolean hasMessage = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "message" -> {
          message = Json.readLong(parser, "field 'message' of broadcast");
          hasMessage = true;
        }
        default -> parser.skipChildren();
      }
    }
    Json.require(hasMessage, "message", "broadcast");
    return new Broadcast.Add(message);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.Add value) throws IOException {
    generator.writeNumberField("message", value.message());
  }
}
