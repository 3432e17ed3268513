package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_Topology_Codec implements Codec<Broadcast.Topology> {
  public static final Broadcast_Topology_Codec INSTANCE = new Broadcast_Topology_Codec();

  private static final JsonValue<Map<String, List<String>>> TOPOLOGY = Json.map(Json.list(Json.STRING));

  private Broadcast_Topology_Codec() {
  }

  @Override
  public Class<Broadcast.Topology> javaType() {
    return Broadcast.Topology.class;
  }

  @Override
  public String wireType() {
    return "topology";
  }

  @Override
  public Broadcast.Topology read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "topology");
    Map<String, List<String>> topology = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "topology" -> topology = TOPOLOGY.read(parser, "field 'topology' of topology");
        default -> parser.skipChildren();
      }
    }
    return new Broadcast.Topology(topology);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.Topology value) throws IOException {
    Json.writeField(generator, "topology", value.topology(), TOPOLOGY);
  }
}
