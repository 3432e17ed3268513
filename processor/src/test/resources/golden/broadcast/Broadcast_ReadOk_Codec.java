package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_ReadOk_Codec implements Codec<Broadcast.ReadOk> {
  public static final Broadcast_ReadOk_Codec INSTANCE = new Broadcast_ReadOk_Codec();

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
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "read_ok", "an object");
    }
    List<Long> messages = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "messages" -> messages = readLongList(parser, "field 'messages' of read_ok");
        default -> parser.skipChildren();
      }
    }
    return new Broadcast.ReadOk(messages);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.ReadOk value) throws IOException {
    if (value.messages() != null) {
      generator.writeFieldName("messages");
      writeLongList(generator, value.messages());
    }
  }

  private static List<Long> readLongList(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    List<Long> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : readLong(parser, where));
    }
    return list;
  }

  private static long readLong(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw unexpected(parser, where, "a 64-bit integer");
    }
    return parser.getLongValue();
  }

  private static void writeLongList(JsonGenerator generator, List<Long> list) throws IOException {
    generator.writeStartArray();
    for (Long element : list) {
      if (element == null) {
        generator.writeNull();
      } else {
        generator.writeNumber(element);
      }
    }
    generator.writeEndArray();
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
