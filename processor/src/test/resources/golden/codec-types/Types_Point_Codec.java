package sample.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Types_Point_Codec implements Codec<Types.Point> {
  public static final Types_Point_Codec INSTANCE = new Types_Point_Codec();

  private Types_Point_Codec() {
  }

  @Override
  public Class<Types.Point> javaType() {
    return Types.Point.class;
  }

  @Override
  public String wireType() {
    return null;
  }

  @Override
  public Types.Point read(JsonParser parser) throws IOException {
    Json.expectObject(parser, "Types.Point");
    int x = 0;
    boolean hasX = false;
    int y = 0;
    boolean hasY = false;
    Types.Label label = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "x" -> {
          x = Json.readInt(parser, "field 'x' of Types.Point");
          hasX = true;
        }
        case "y" -> {
          y = Json.readInt(parser, "field 'y' of Types.Point");
          hasY = true;
        }
        case "label" -> label =
            Types_Label_Codec.INSTANCE.read(parser, "field 'label' of Types.Point");
        default -> parser.skipChildren();
      }
    }
    Json.require(hasX, "x", "Types.Point");
    Json.require(hasY, "y", "Types.Point");
    return new Types.Point(x, y, label);
  }

  @Override
  public void writeFields(JsonGenerator generator, Types.Point value) throws IOException {
    generator.writeNumberField("x", value.x());
    generator.writeNumberField("y", value.y());
    Json.writeField(generator, "label", value.label(), Types_Label_Codec.INSTANCE);
  }
}
