package sample.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.json.Codec;
import glomers.runtime.json.JsonShapeException;
import glomers.runtime.json.RawJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Types_All_Codec implements Codec<Types.All> {
  public static final Types_All_Codec INSTANCE = new Types_All_Codec();

  private Types_All_Codec() {
  }

  @Override
  public Class<Types.All> javaType() {
    return Types.All.class;
  }

  @Override
  public String wireType() {
    return "all";
  }

  @Override
  public Types.All read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, "all", "an object");
    }
    boolean flag = false;
    boolean hasFlag = false;
    int count = 0;
    boolean hasCount = false;
    long total = 0L;
    boolean hasTotal = false;
    double ratio = 0.0;
    boolean hasRatio = false;
    Boolean maybeFlag = null;
    Integer maybeCount = null;
    Long maybeTotal = null;
    Double maybeRatio = null;
    String name = null;
    RawJson payload = null;
    List<Long> ids = null;
    Set<String> tags = null;
    Map<String, Integer> counts = null;
    Map<String, List<List<Long>>> nestedGenerics = null;
    List<RawJson> raws = null;
    Types.Point origin = null;
    List<Types.Point> path = null;
    Map<String, Types.Point> pointsByName = null;
    Set<Set<String>> groups = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "flag" -> {
          flag = readBoolean(parser, "field 'flag' of all");
          hasFlag = true;
        }
        case "count" -> {
          count = readInt(parser, "field 'count' of all");
          hasCount = true;
        }
        case "total" -> {
          total = readLong(parser, "field 'total' of all");
          hasTotal = true;
        }
        case "ratio" -> {
          ratio = readDouble(parser, "field 'ratio' of all");
          hasRatio = true;
        }
        case "maybe_flag" -> maybeFlag = parser.currentToken() == JsonToken.VALUE_NULL ? null
            : readBoolean(parser, "field 'maybe_flag' of all");
        case "maybe_count" -> maybeCount = parser.currentToken() == JsonToken.VALUE_NULL ? null
            : readInt(parser, "field 'maybe_count' of all");
        case "maybe_total" -> maybeTotal = parser.currentToken() == JsonToken.VALUE_NULL ? null
            : readLong(parser, "field 'maybe_total' of all");
        case "maybe_ratio" -> maybeRatio = parser.currentToken() == JsonToken.VALUE_NULL ? null
            : readDouble(parser, "field 'maybe_ratio' of all");
        case "name" -> name = readString(parser, "field 'name' of all");
        case "payload" -> payload = RawJson.read(parser);
        case "ids" -> ids = readLongList(parser, "field 'ids' of all");
        case "tags" -> tags = readStringSet(parser, "field 'tags' of all");
        case "counts" -> counts = readIntMap(parser, "field 'counts' of all");
        case "nested_generics" -> nestedGenerics =
            readLongListListMap(parser, "field 'nested_generics' of all");
        case "raws" -> raws = readRawJsonList(parser, "field 'raws' of all");
        case "origin" -> origin = parser.currentToken() == JsonToken.VALUE_NULL ? null
            : Types_Point_Codec.INSTANCE.read(parser);
        case "path" -> path = readPointList(parser, "field 'path' of all");
        case "points_by_name" -> pointsByName =
            readPointMap(parser, "field 'points_by_name' of all");
        case "groups" -> groups = readStringSetSet(parser, "field 'groups' of all");
        default -> parser.skipChildren();
      }
    }
    if (!hasFlag) {
      throw new JsonShapeException("missing field 'flag' of all");
    }
    if (!hasCount) {
      throw new JsonShapeException("missing field 'count' of all");
    }
    if (!hasTotal) {
      throw new JsonShapeException("missing field 'total' of all");
    }
    if (!hasRatio) {
      throw new JsonShapeException("missing field 'ratio' of all");
    }
    return new Types.All(flag, count, total, ratio, maybeFlag, maybeCount, maybeTotal, maybeRatio,
        name, payload, ids, tags, counts, nestedGenerics, raws, origin, path, pointsByName, groups);
  }

  @Override
  public void writeFields(JsonGenerator generator, Types.All value) throws IOException {
    generator.writeBooleanField("flag", value.flag());
    generator.writeNumberField("count", value.count());
    generator.writeNumberField("total", value.total());
    generator.writeNumberField("ratio", value.ratio());
    if (value.maybeFlag() != null) {
      generator.writeBooleanField("maybe_flag", value.maybeFlag());
    }
    if (value.maybeCount() != null) {
      generator.writeNumberField("maybe_count", value.maybeCount());
    }
    if (value.maybeTotal() != null) {
      generator.writeNumberField("maybe_total", value.maybeTotal());
    }
    if (value.maybeRatio() != null) {
      generator.writeNumberField("maybe_ratio", value.maybeRatio());
    }
    if (value.name() != null) {
      generator.writeStringField("name", value.name());
    }
    if (value.payload() != null) {
      generator.writeFieldName("payload");
      value.payload().write(generator);
    }
    if (value.ids() != null) {
      generator.writeFieldName("ids");
      writeLongList(generator, value.ids());
    }
    if (value.tags() != null) {
      generator.writeFieldName("tags");
      writeStringSet(generator, value.tags());
    }
    if (value.counts() != null) {
      generator.writeFieldName("counts");
      writeIntMap(generator, value.counts());
    }
    if (value.nestedGenerics() != null) {
      generator.writeFieldName("nested_generics");
      writeLongListListMap(generator, value.nestedGenerics());
    }
    if (value.raws() != null) {
      generator.writeFieldName("raws");
      writeRawJsonList(generator, value.raws());
    }
    if (value.origin() != null) {
      generator.writeFieldName("origin");
      generator.writeStartObject();
      Types_Point_Codec.INSTANCE.writeFields(generator, value.origin());
      generator.writeEndObject();
    }
    if (value.path() != null) {
      generator.writeFieldName("path");
      writePointList(generator, value.path());
    }
    if (value.pointsByName() != null) {
      generator.writeFieldName("points_by_name");
      writePointMap(generator, value.pointsByName());
    }
    if (value.groups() != null) {
      generator.writeFieldName("groups");
      writeStringSetSet(generator, value.groups());
    }
  }

  private static boolean readBoolean(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (parser.currentToken() == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw unexpected(parser, where, "a boolean");
  }

  private static int readInt(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() != JsonParser.NumberType.INT) {
      throw unexpected(parser, where, "a 32-bit integer");
    }
    return parser.getIntValue();
  }

  private static long readLong(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw unexpected(parser, where, "a 64-bit integer");
    }
    return parser.getLongValue();
  }

  private static double readDouble(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        && parser.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
      throw unexpected(parser, where, "a number");
    }
    return parser.getDoubleValue();
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

  private static List<Long> readLongList(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    List<Long> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : readLong(parser, where));
    }
    return list;
  }

  private static Set<String> readStringSet(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    Set<String> set = new LinkedHashSet<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      set.add(readString(parser, where));
    }
    return set;
  }

  private static Map<String, Integer> readIntMap(JsonParser parser, String where) throws
      IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, where, "an object");
    }
    Map<String, Integer> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      map.put(key, parser.currentToken() == JsonToken.VALUE_NULL ? null : readInt(parser, where));
    }
    return map;
  }

  private static Map<String, List<List<Long>>> readLongListListMap(JsonParser parser, String where)
      throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, where, "an object");
    }
    Map<String, List<List<Long>>> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      map.put(key, readLongListList(parser, where));
    }
    return map;
  }

  private static List<List<Long>> readLongListList(JsonParser parser, String where) throws
      IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    List<List<Long>> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(readLongList(parser, where));
    }
    return list;
  }

  private static List<RawJson> readRawJsonList(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    List<RawJson> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(RawJson.read(parser));
    }
    return list;
  }

  private static List<Types.Point> readPointList(JsonParser parser, String where) throws
      IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    List<Types.Point> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(parser.currentToken() == JsonToken.VALUE_NULL ? null
          : Types_Point_Codec.INSTANCE.read(parser));
    }
    return list;
  }

  private static Map<String, Types.Point> readPointMap(JsonParser parser, String where) throws
      IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, where, "an object");
    }
    Map<String, Types.Point> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      map.put(key, parser.currentToken() == JsonToken.VALUE_NULL ? null
          : Types_Point_Codec.INSTANCE.read(parser));
    }
    return map;
  }

  private static Set<Set<String>> readStringSetSet(JsonParser parser, String where) throws
      IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(parser, where, "an array");
    }
    Set<Set<String>> set = new LinkedHashSet<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      set.add(readStringSet(parser, where));
    }
    return set;
  }

  private static void writeLongList(JsonGenerator generator, List<Long> list) throws IOException {
    generator.writeStartArray();
    for (Long element : list) {
      if (element == null) {
        generator.writeNull();
      } else {
        generator.writeNumber(element);
      }
    }
    generator.writeEndArray();
  }

  private static void writeStringSet(JsonGenerator generator, Set<String> set) throws IOException {
    generator.writeStartArray();
    for (String element : set) {
      if (element == null) {
        generator.writeNull();
      } else {
        generator.writeString(element);
      }
    }
    generator.writeEndArray();
  }

  private static void writeIntMap(JsonGenerator generator, Map<String, Integer> map) throws
      IOException {
    generator.writeStartObject();
    for (Map.Entry<String, Integer> entry : map.entrySet()) {
      generator.writeFieldName(entry.getKey());
      if (entry.getValue() == null) {
        generator.writeNull();
      } else {
        generator.writeNumber(entry.getValue());
      }
    }
    generator.writeEndObject();
  }

  private static void writeLongListListMap(JsonGenerator generator,
      Map<String, List<List<Long>>> map) throws IOException {
    generator.writeStartObject();
    for (Map.Entry<String, List<List<Long>>> entry : map.entrySet()) {
      generator.writeFieldName(entry.getKey());
      if (entry.getValue() == null) {
        generator.writeNull();
      } else {
        writeLongListList(generator, entry.getValue());
      }
    }
    generator.writeEndObject();
  }

  private static void writeLongListList(JsonGenerator generator, List<List<Long>> list) throws
      IOException {
    generator.writeStartArray();
    for (List<Long> element : list) {
      if (element == null) {
        generator.writeNull();
      } else {
        writeLongList(generator, element);
      }
    }
    generator.writeEndArray();
  }

  private static void writeRawJsonList(JsonGenerator generator, List<RawJson> list) throws
      IOException {
    generator.writeStartArray();
    for (RawJson element : list) {
      if (element == null) {
        generator.writeNull();
      } else {
        element.write(generator);
      }
    }
    generator.writeEndArray();
  }

  private static void writePointList(JsonGenerator generator, List<Types.Point> list) throws
      IOException {
    generator.writeStartArray();
    for (Types.Point element : list) {
      if (element == null) {
        generator.writeNull();
      } else {
        generator.writeStartObject();
        Types_Point_Codec.INSTANCE.writeFields(generator, element);
        generator.writeEndObject();
      }
    }
    generator.writeEndArray();
  }

  private static void writePointMap(JsonGenerator generator, Map<String, Types.Point> map) throws
      IOException {
    generator.writeStartObject();
    for (Map.Entry<String, Types.Point> entry : map.entrySet()) {
      generator.writeFieldName(entry.getKey());
      if (entry.getValue() == null) {
        generator.writeNull();
      } else {
        generator.writeStartObject();
        Types_Point_Codec.INSTANCE.writeFields(generator, entry.getValue());
        generator.writeEndObject();
      }
    }
    generator.writeEndObject();
  }

  private static void writeStringSetSet(JsonGenerator generator, Set<Set<String>> set) throws
      IOException {
    generator.writeStartArray();
    for (Set<String> element : set) {
      if (element == null) {
        generator.writeNull();
      } else {
        writeStringSet(generator, element);
      }
    }
    generator.writeEndArray();
  }

  private static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }
}
