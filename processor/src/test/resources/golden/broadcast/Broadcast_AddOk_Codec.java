package sample.broadcast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_AddOk_Codec implements Codec<Broadcast.AddOk> {
  public static final Broadcast_AddOk_Codec INSTANCE = new Broadcast_AddOk_Codec();

  private Broadcast_AddOk_Codec() {
  }

  @Override
  public Class<Broadcast.AddOk> javaType() {
    return Broadcast.AddOk.class;
  }

  @Override
  public String wireType() {
    return "broadcast_ok";
  }

  @Override
  public Broadcast.AddOk read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "broadcast_ok");
    parser.skipChildren();
    return new Broadcast.AddOk();
  }

  @Override
  public void writeFields(JsonGenerator generator, Broadcast.AddOk value) throws IOException {
  }
}
