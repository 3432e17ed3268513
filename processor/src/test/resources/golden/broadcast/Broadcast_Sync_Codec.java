package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_Sync_Codec implements Codec<Broadcast.Sync> {
  public static final Broadcast_Sync_Codec INSTANCE = new Broadcast_Sync_Codec();

  private Broadcast_Sync_Codec() {
  }

  @Override
  public Class<Broadcast.Sync> javaType() {
    return Broadcast.Sync.class;
  }

  @Override
  public String wireType() {
    return "sync";
  }

  @Override
  public Broadcast.Sync read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "sync", "an object");
    }
    long since = 0L;
    boolean hasSince = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "since" -> {
          since = readLong(parser, "field 'since' of sync");
          hasSince = true;
        }
        default -> parser.skipChildren();
      }
    }
    if (!hasSince) {
      throw new JsonShapeException("missing field 'since' of sync");
    }
    return new Broadcast.Sync(since);
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.Sync value) throws IOException {
    generator.writeNumberField("since", value.since());
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
