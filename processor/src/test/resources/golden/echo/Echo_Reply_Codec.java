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
public final class Echo_Reply_Codec implements Codec<Echo.Reply> {
  public static final Echo_Reply_Codec INSTANCE = new Echo_Reply_Codec();

  private Echo_Reply_Codec() {
  }

  @Override
  public Class<Echo.Reply> javaType() {
    return Echo.Reply.class;
  }

  @Override
  public String wireType() {
    return "echo_ok";
  }

  @Override
  public Echo.Reply read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "echo_ok");
    RawJson echo = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "echo" -> echo = Json.RAW.read(parser, "field 'echo' of echo_ok");
        default -> parser.skipChildren();
      }
    }
    return new Echo.Reply(echo);
  }

  @Override
  public void writeFields(JsonGenerator generator, Echo.Reply value) throws IOException {
    Json.writeField(generator, "echo", value.echo(), Json.RAW);
  }
}
