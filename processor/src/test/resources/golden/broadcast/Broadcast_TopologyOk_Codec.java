package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_TopologyOk_Codec implements Codec<Broadcast.TopologyOk> {
  public static final Broadcast_TopologyOk_Codec INSTANCE = new Broadcast_TopologyOk_Codec();

  private Broadcast_TopologyOk_Codec() {
  }

  @Override
  public Class<Broadcast.TopologyOk> javaType() {
    return Broadcast.TopologyOk.class;
  }

  @Override
  public String wireType() {
    return "topology_ok";
  }

  @Override
  public Broadcast.TopologyOk read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "topology_ok", "an object");
    }
    parser.skipChildren();
    return new Broadcast.TopologyOk();
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.TopologyOk value) throws IOException {
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
