package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_AddOk_Codec implements Codec<Broadcast.AddOk> {
  public static final Broadcast_AddOk_Codec INSTANCE = new Broadcast_AddOk_Codec();

  private Broadcast_AddOk_Codec() {
  }

  @Override
  public Class<Broadcast.AddOk> javaType() {
    return Broadcast.AddOk.class;
  }

  @Override
  public String wireType() {
    return "broadcast_ok";
  }

  @Override
  public Broadcast.AddOk read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "broadcast_ok", "an object");
    }
    parser.skipChildren();
    return new Broadcast.AddOk();
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.AddOk value) throws IOException {
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
