package sample.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.RawJson;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Types_All_Codec implements Codec<Types.All> {
  public static final Types_All_Codec INSTANCE = new Types_All_Codec();

  private static final JsonValue<List<Long>> IDS = Json.list(Json.LONG);

  private static final JsonValue<Set<String>> TAGS = Json.set(Json.STRING);

  private static final JsonValue<Map<String, Integer>> COUNTS = Json.map(Json.INT);

  private static final JsonValue<Map<String, List<List<Long>>>> NESTED_GENERICS = Json.map(Json.list(Json.list(Json.LONG)));

  private static final JsonValue<List<RawJson>> RAWS = Json.list(Json.RAW);

  private static final JsonValue<List<Types.Point>> PATH = Json.list(Types_Point_Codec.INSTANCE);

  private static final JsonValue<Map<String, Types.Point>> POINTS_BY_NAME = Json.map(Types_Point_Codec.INSTANCE);

  private static final JsonValue<Set<Set<String>>> GROUPS = Json.set(Json.set(Json.STRING));

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
    Json.expectObject(parser, "all");
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
          flag = Json.readBoolean(parser, "field 'flag' of all");
          hasFlag = true;
        }
        case "count" -> {
          count = Json.readInt(parser, "field 'count' of all");
          hasCount = true;
        }
        case "total" -> {
          total = Json.readLong(parser, "field 'total' of all");
          hasTotal = true;
        }
        case "ratio" -> {
          ratio = Json.readDouble(parser, "field 'ratio' of all");
          hasRatio = true;
        }
        case "maybe_flag" -> maybeFlag = Json.BOOLEAN.read(parser, "field 'maybe_flag' of all");
        case "maybe_count" -> maybeCount = Json.INT.read(parser, "field 'maybe_count' of all");
        case "maybe_total" -> maybeTotal = Json.LONG.read(parser, "field 'maybe_total' of all");
        case "maybe_ratio" -> maybeRatio = Json.DOUBLE.read(parser, "field 'maybe_ratio' of all");
        case "name" -> name = Json.STRING.read(parser, "field 'name' of all");
        case "payload" -> payload = Json.RAW.read(parser, "field 'payload' of all");
        case "ids" -> ids = IDS.read(parser, "field 'ids' of all");
        case "tags" -> tags = TAGS.read(parser, "field 'tags' of all");
        case "counts" -> counts = COUNTS.read(parser, "field 'counts' of all");
        case "nested_generics" -> nestedGenerics =
            NESTED_GENERICS.read(parser, "field 'nested_generics' of all");
        case "raws" -> raws = RAWS.read(parser, "field 'raws' of all");
        case "origin" -> origin = Types_Point_Codec.INSTANCE.read(parser, "field 'origin' of all");
        case "path" -> path = PATH.read(parser, "field 'path' of all");
        case "points_by_name" -> pointsByName =
            POINTS_BY_NAME.read(parser, "field 'points_by_name' of all");
        case "groups" -> groups = GROUPS.read(parser, "field 'groups' of all");
        default -> parser.skipChildren();
      }
    }
    Json.require(hasFlag, "flag", "all");
    Json.require(hasCount, "count", "all");
    Json.require(hasTotal, "total", "all");
    Json.require(hasRatio, "ratio", "all");
    return new Types.All(flag, count, total, ratio, maybeFlag, maybeCount, maybeTotal, maybeRatio,
        name, payload, ids, tags, counts, nestedGenerics, raws, origin, path, pointsByName, groups);
  }

  @Override
  public void writeFields(JsonGenerator generator, Types.All value) throws IOException {
    generator.writeBooleanField("flag", value.flag());
    generator.writeNumberField("count", value.count());
    generator.writeNumberField("total", value.total());
    generator.writeNumberField("ratio", value.ratio());
    Json.writeField(generator, "maybe_flag", value.maybeFlag(), Json.BOOLEAN);
    Json.writeField(generator, "maybe_count", value.maybeCount(), Json.INT);
    Json.writeField(generator, "maybe_total", value.maybeTotal(), Json.LONG);
    Json.writeField(generator, "maybe_ratio", value.maybeRatio(), Json.DOUBLE);
    Json.writeField(generator, "name", value.name(), Json.STRING);
    Json.writeField(generator, "payload", value.payload(), Json.RAW);
    Json.writeField(generator, "ids", value.ids(), IDS);
    Json.writeField(generator, "tags", value.tags(), TAGS);
    Json.writeField(generator, "counts", value.counts(), COUNTS);
    Json.writeField(generator, "nested_generics", value.nestedGenerics(), NESTED_GENERICS);
    Json.writeField(generator, "raws", value.raws(), RAWS);
    Json.writeField(generator, "origin", value.origin(), Types_Point_Codec.INSTANCE);
    Json.writeField(generator, "path", value.path(), PATH);
    Json.writeField(generator, "points_by_name", value.pointsByName(), POINTS_BY_NAME);
    Json.writeField(generator, "groups", value.groups(), GROUPS);
  }
}
