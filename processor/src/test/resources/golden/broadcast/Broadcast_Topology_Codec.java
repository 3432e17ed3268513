package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_Topology_Codec implements Codec<Broadcast.Topology> {
  public static final Broadcast_Topology_Codec INSTANCE = new Broadcast_Topology_Codec();

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
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "topology", "an object");
    }
    Map<String, List<String>> topology = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "topology" -> topology = readStringListMap(parser, "field 'topology' of topology");
        default -> parser.skipChildren();
      }
    }
    return new Broadcast.Topology(topology);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.Topology value) throws IOException {
    if (value.topology() != null) {
      generator.writeFieldName("topology");
      writeStringListMap(generator, value.topology());
    }
  }

  private static Map<String, List<String>> readStringListMap(JsonParser parser, String where) throws
      IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, where, "an object");
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      map.put(key, readStringList(parser, where));
    }
    return map;
  }

  private static List<String> readStringList(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    List<String> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(readString(parser, where));
    }
    return list;
  }

  private static String readString(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw unexpected(parser, where, "a string");
    }
    return parser.getText();
  }

  private static void writeStringListMap(JsonGenerator generator, Map<String, List<String>> map)
      throws IOException {
    generator.writeStartObject();
    for (Map.Entry<String, List<String>> entry : map.entrySet()) {
      generator.writeFieldName(entry.getKey());
      if (entry.getValue() == null) {
        generator.writeNull();
      } else {
        writeStringList(generator, entry.getValue());
      }
    }
    generator.writeEndObject();
  }

  private static void writeStringList(JsonGenerator generator, List<String> list) throws
      IOException {
    generator.writeStartArray();
    for (String element : list) {
      if (element == null) {
        generator.writeNull();
      } else {
        generator.writeString(element);
      }
    }
    generator.writeEndArray();
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
