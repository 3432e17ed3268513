package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
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
    Json.expectObject(parser, "topology_ok");
    parser.skipChildren();
    return new Broadcast.TopologyOk();
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.TopologyOk value) throws IOException {
  }
}
