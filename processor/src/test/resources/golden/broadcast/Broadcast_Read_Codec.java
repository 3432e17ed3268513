package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
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
    Json.expectObject(parser, "read");
    parser.skipChildren();
    return new Broadcast.Read();
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.Read value) throws IOException {
  }
}
