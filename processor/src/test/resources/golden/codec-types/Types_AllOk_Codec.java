package sample.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
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
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "all_ok", "an object");
    }
    Types.All echoed = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "echoed" -> echoed = parser.currentToken() == JsonToken.VALUE_NULL ? null
            : Types_All_Codec.INSTANCE.read(parser);
        default -> parser.skipChildren();
      }
    }
    return new Types.AllOk(echoed);
  }

  @Override
  public void writeFields(JsonGenerator generator, Types.AllOk value) throws IOException {
    if (value.echoed() != null) {
      generator.writeFieldName("echoed");
      generator.writeStartObject();
      Types_All_Codec.INSTANCE.writeFields(generator, value.echoed());
      generator.writeEndObject();
    }
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
