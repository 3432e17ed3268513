package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_SyncOk_Codec implements Codec<Broadcast.SyncOk> {
  public static final Broadcast_SyncOk_Codec INSTANCE = new Broadcast_SyncOk_Codec();

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
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "sync_ok", "an object");
    }
    Set<Long> values = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "values" -> values = readLongSet(parser, "field 'values' of sync_ok");
        default -> parser.skipChildren();
      }
    }
    return new Broadcast.SyncOk(values);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.SyncOk value) throws IOException {
    if (value.values() != null) {
      generator.writeFieldName("values");
      writeLongSet(generator, value.values());
    }
  }

  private static Set<Long> readLongSet(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    Set<Long> set = new LinkedHashSet<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      set.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : readLong(parser, where));
    }
    return set;
  }

  private static long readLong(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw unexpected(parser, where, "a 64-bit integer");
    }
    return parser.getLongValue();
  }

  private static void writeLongSet(JsonGenerator generator, Set<Long> set) throws IOException {
    generator.writeStartArray();
    for (Long element : set) {
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
