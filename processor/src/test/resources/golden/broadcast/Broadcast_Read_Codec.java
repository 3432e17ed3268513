package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_Read_Codec implements Codec<Broadcast.Read> {
  public static final Broadcast_Read_Codec INSTANCE = new Broadcast_Read_Codec();

  private Broadcast_Read_Codec() {
  }

  @Override
  public Class<Broadcast.Read> javaType() {
    return Broadcast.Read.class;
  }

  @Override
  public String wireType() {
    return "read";
  }

  @Override
  public Broadcast.Read read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "read", "an object");
    }
    parser.skipChildren();
    return new Broadcast.Read();
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.Read value) throws IOException {
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
