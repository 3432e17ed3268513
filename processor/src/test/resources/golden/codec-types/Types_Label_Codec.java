package sample.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Types_Label_Codec implements Codec<Types.Label> {
  public static final Types_Label_Codec INSTANCE = new Types_Label_Codec();

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
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "Types.Label", "an object");
    }
    String text = null;
    List<Types.Label> children = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "text" -> text = readString(parser, "field 'text' of Types.Label");
        case "children" -> children = readLabelList(parser, "field 'children' of Types.Label");
        default -> parser.skipChildren();
      }
    }
    return new Types.Label(text, children);
  }

  @Override
  public void writeFields(JsonGenerator generator, Types.Label value) throws IOException {
    if (value.text() != null) {
      generator.writeStringField("text", value.text());
    }
    if (value.children() != null) {
      generator.writeFieldName("children");
      writeLabelList(generator, value.children());
    }
  }

  private static String readString(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw unexpected(parser, where, "a string");
    }
    return parser.getText();
  }

  private static List<Types.Label> readLabelList(JsonParser parser, String where) throws
      IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    List<Types.Label> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(parser.currentToken() == JsonToken.VALUE_NULL ? null
          : Types_Label_Codec.INSTANCE.read(parser));
    }
    return list;
  }

  private static void writeLabelList(JsonGenerator generator, List<Types.Label> list) throws
      IOException {
    generator.writeStartArray();
    for (Types.Label element : list) {
      if (element == null) {
        generator.writeNull();
      } else {
        generator.writeStartObject();
        Types_Label_Codec.INSTANCE.writeFields(generator, element);
        generator.writeEndObject();
      }
    }
    generator.writeEndArray();
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
