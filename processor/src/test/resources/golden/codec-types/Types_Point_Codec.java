package sample.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
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
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "Types.Point", "an object");
    }
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
          x = readInt(parser, "field 'x' of Types.Point");
          hasX = true;
        }
        case "y" -> {
          y = readInt(parser, "field 'y' of Types.Point");
          hasY = true;
        }
        case "label" -> label = parser.currentToken() == JsonToken.VALUE_NULL ? null
            : Types_Label_Codec.INSTANCE.read(parser);
        default -> parser.skipChildren();
      }
    }
    if (!hasX) {
      throw new JsonShapeException("missing field 'x' of Types.Point");
    }
    if (!hasY) {
      throw new JsonShapeException("missing field 'y' of Types.Point");
    }
    return new Types.Point(x, y, label);
  }

  @Override
  public void writeFields(JsonGenerator generator, Types.Point value) throws IOException {
    generator.writeNumberField("x", value.x());
    generator.writeNumberField("y", value.y());
    if (value.label() != null) {
      generator.writeFieldName("label");
      generator.writeStartObject();
      Types_Label_Codec.INSTANCE.writeFields(generator, value.label());
      generator.writeEndObject();
    }
  }

  private static int readInt(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() != JsonParser.NumberType.INT) {
      throw unexpected(parser, where, "a 32-bit integer");
    }
    return parser.getIntValue();
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
