package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
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
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "broadcast", "an object");
    }
    long message = 0L;
    boolean hasMessage = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "message" -> {
          message = readLong(parser, "field 'message' of broadcast");
          hasMessage = true;
        }
        default -> parser.skipChildren();
      }
    }
    if (!hasMessage) {
      throw new JsonShapeException("missing field 'message' of broadcast");
    }
    return new Broadcast.Add(message);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.Add value) throws IOException {
    generator.writeNumberField("message", value.message());
  }

  private static long readLong(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw unexpected(parser, where, "a 64-bit integer");
    }
    return parser.getLongValue();
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
