package sample.echo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.RawJson;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Echo_Request_Codec implements Codec<Echo.Request> {
  public static final Echo_Request_Codec INSTANCE = new Echo_Request_Codec();

  private Echo_Request_Codec() {
  }

  @Override
  public Class<Echo.Request> javaType() {
    return Echo.Request.class;
  }

  @Override
  public String wireType() {
    return "echo";
  }

  @Override
  public Echo.Request read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "echo");
    RawJson echo = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "echo" -> echo = Json.RAW.read(parser, "field 'echo' of echo");
        default -> parser.skipChildren();
      }
    }
    return new Echo.Request(echo);
  }

  @Override
  public void writeFields(JsonGenerator generator, Echo.Request value) throws IOException {
    Json.writeField(generator, "echo", value.echo(), Json.RAW);
  }
}
