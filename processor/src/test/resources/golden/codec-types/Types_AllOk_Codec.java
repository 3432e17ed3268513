package sample.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Types_AllOk_Codec implements Codec<Types.AllOk> {
  public static final Types_AllOk_Codec INSTANCE = new Types_AllOk_Codec();

  private Types_AllOk_Codec() {
  }

  @Override
  public Class<Types.AllOk> javaType() {
    return Types.AllOk.class;
  }

  @Override
  public String wireType() {
    return "all_ok";
  }

  @Override
  public Types.AllOk read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "all_ok");
    Types.All echoed = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "echoed" -> echoed = Types_All_Codec.INSTANCE.read(parser, "field 'echoed' of all_ok");
        default -> parser.skipChildren();
      }
    }
    return new Types.AllOk(echoed);
  }

  @Override
  public void writeFields(JsonGenerator generator, Types.AllOk value) throws IOException {
    Json.writeField(generator, "echoed", value.echoed(), Types_All_Codec.INSTANCE);
  }
}
