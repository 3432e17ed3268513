package sample.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonValue;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Types_Label_Codec implements Codec<Types.Label> {
  public static final Types_Label_Codec INSTANCE = new Types_Label_Codec();

  private static final JsonValue<List<Types.Label>> CHILDREN = Json.list(Types_Label_Codec.INSTANCE);

  private Types_Label_Codec() {
  }

  @Override
  public Class<Types.Label> javaType() {
    return Types.Label.class;
  }

  @Override
  public String wireType() {
    return null;
  }

  @Override
  public Types.Label read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "Types.Label");
    String text = null;
    List<Types.Label> children = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "text" -> text = Json.STRING.read(parser, "field 'text' of Types.Label");
        case "children" -> children = CHILDREN.read(parser, "field 'children' of Types.Label");
        default -> parser.skipChildren();
      }
    }
    return new Types.Label(text, children);
  }

  @Override
  public void writeFields(JsonGenerator generator, Types.Label value) throws IOException {
    Json.writeField(generator, "text", value.text(), Json.STRING);
    Json.writeField(generator, "children", value.children(), CHILDREN);
  }
}
