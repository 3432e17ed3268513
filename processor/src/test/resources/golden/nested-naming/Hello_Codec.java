package sample.nested;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Hello_Codec implements Codec<Hello> {
  public static final Hello_Codec INSTANCE = new Hello_Codec();

  private Hello_Codec() {
  }

  @Override
  public Class<Hello> javaType() {
    return Hello.class;
  }

  @Override
  public String wireType() {
    return "hello";
  }

  @Override
  public Hello read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "hello");
    String greeting = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "greeting" -> greeting = Json.STRING.read(parser, "field 'greeting' of hello");
        default -> parser.skipChildren();
      }
    }
    return new Hello(greeting);
  }

  @Override
  public void writeFields(JsonGenerator generator, Hello value) throws IOException {
    Json.writeField(generator, "greeting", value.greeting(), Json.STRING);
  }
}
