package glomers.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonShapeException;
import glomers.runtime.RawJson;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Round-trips JSON through the codecs generated for the codec-types sample. */
class CodecBehaviourTest {
  private static final String PRIMITIVES = "\"flag\":true,\"count\":1,\"total\":2,\"ratio\":0.5";

  private static Codec<Object> all;
  private static Codec<Object> point;

  @BeforeAll
  static void compile() throws Exception {
    ClassLoader loader = Samples.loader(Samples.compileOk("codec-types"));
    all = codec(loader, "sample.types.Types_All_Codec");
    point = codec(loader, "sample.types.Types_Point_Codec");
  }

  @SuppressWarnings("unchecked")
  private static Codec<Object> codec(ClassLoader loader, String name) throws Exception {
    return (Codec<Object>) loader.loadClass(name).getField("INSTANCE").get(null);
  }

  private static Object read(Codec<Object> codec, String json) throws IOException {
    try (JsonParser parser = Json.FACTORY.createParser(json)) {
      parser.nextToken();
      Object value = codec.read(parser);
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(parser.nextToken()).as("read stops at the object's end").isNull();
      return value;
    }
  }

  private static String write(Codec<Object> codec, Object value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = Json.FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      codec.writeFields(generator, value);
      generator.writeEndObject();
    }
    return out.toString();
  }

  private static Object get(Object record, String accessor) throws Exception {
    var method = record.getClass().getDeclaredMethod(accessor);
    method.setAccessible(true);
    return method.invoke(record);
  }

  @Test
  void describesItsTypes() {
    assertThat(all.wireType()).isEqualTo("all");
    assertThat(all.javaType().getName()).isEqualTo("sample.types.Types$All");
    assertThat(point.wireType()).as("records used only inside others have no wire type").isNull();
  }

  @Test
  void roundTripsEverySupportedType() throws IOException {
    String json =
        "{" + PRIMITIVES + ",\"maybe_flag\":false,\"maybe_count\":-3,\"maybe_total\":9007199254740993,"
            + "\"maybe_ratio\":1.25,\"name\":\"n\\\"1\",\"payload\":{\"a\":[1,2.5,null,\"x\"],\"b\":{}},"
            + "\"ids\":[1,null,3],\"tags\":[\"b\",\"a\",null],\"counts\":{\"x\":1,\"y\":null},"
            + "\"nested_generics\":{\"k\":[[1,2],[],null,[null,4]],\"z\":null},"
            + "\"raws\":[1,\"s\",null,{\"k\":[]}],"
            + "\"origin\":{\"x\":1,\"y\":2,\"label\":{\"text\":\"o\",\"children\":[{\"text\":\"c\"}]}},"
            + "\"path\":[{\"x\":0,\"y\":0},null],\"points_by_name\":{\"p\":{\"x\":5,\"y\":6}},"
            + "\"groups\":[[\"a\"],[]]}";
    // Sets come back sorted (null first), the one change a round trip makes.
    assertThat(write(all, read(all, json)))
        .isEqualTo(json.replace("\"tags\":[\"b\",\"a\",null]", "\"tags\":[null,\"a\",\"b\"]"));
  }

  /**
   * Set.of and Map.of iterate in an order salted at each JVM launch: whatever the insertion or
   * iteration order, a set field is written sorted and a map field in key order, so a message
   * never depends on the JVM.
   */
  @Test
  void writesSetsSortedAndMapsInKeyOrderWhateverTheirOwnOrder() throws Exception {
    String canonical = "{" + PRIMITIVES + ",\"tags\":[\"a\",\"b\",\"c\",\"d\"],"
        + "\"counts\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4},"
        + "\"points_by_name\":{\"p\":{\"x\":1,\"y\":1},\"q\":{\"x\":0,\"y\":0}},"
        + "\"groups\":[[\"a\",\"b\"],[\"a\",\"c\"],[]]}";
    for (List<String> order : List.of(List.of("d", "c", "b", "a"), List.of("b", "d", "a", "c"), List.of("a", "b", "c", "d"))) {
      Object value = read(all, "{" + PRIMITIVES + ",\"tags\":" + array(order) + ",\"counts\":" + object(order)
          + ",\"points_by_name\":{\"q\":{\"x\":0,\"y\":0},\"p\":{\"x\":1,\"y\":1}},"
          + "\"groups\":[[],[\"c\",\"a\"],[\"b\",\"a\"]]}");
      assertThat(write(all, value)).as("read in the order %s", order).isEqualTo(canonical);
    }
  }

  @Test
  void writesImmutableSetsAndMapsInCanonicalOrder() throws Exception {
    Object sample = read(all, "{" + PRIMITIVES + "}");
    Object[] args = new Object[19];
    var components = sample.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      args[i] = components[i].getAccessor().invoke(sample);
    }
    args[11] = java.util.Set.of("k", "e", "y", "s", "a", "m", "p", "l");
    args[12] = Map.of("z", 26, "m", 13, "a", 1, "q", 17, "b", 2);
    args[18] = java.util.Set.of(java.util.Set.of("b", "a"), java.util.Set.of("c"), java.util.Set.of());
    var constructor = sample.getClass().getDeclaredConstructor(
        java.util.Arrays.stream(components).map(java.lang.reflect.RecordComponent::getType).toArray(Class[]::new));
    constructor.setAccessible(true);
    Object value = constructor.newInstance(args);

    assertThat(write(all, value)).isEqualTo("{" + PRIMITIVES + ",\"tags\":[\"a\",\"e\",\"k\",\"l\",\"m\",\"p\",\"s\",\"y\"],"
        + "\"counts\":{\"a\":1,\"b\":2,\"m\":13,\"q\":17,\"z\":26},\"groups\":[[\"a\",\"b\"],[\"c\"],[]]}");
  }

  private static String array(List<String> items) {
    return items.stream().map(i -> "\"" + i + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  private static String object(List<String> keys) {
    return keys.stream().map(k -> "\"" + k + "\":" + (k.charAt(0) - 'a' + 1))
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }

  @Test
  void readsIntoOrderedCollections() throws Exception {
    Object value =
        read(all, "{" + PRIMITIVES + ",\"tags\":[\"z\",\"a\",\"m\"],\"counts\":{\"z\":1,\"a\":2}}");
    assertThat(get(value, "tags")).isInstanceOf(LinkedHashSet.class).asString().isEqualTo("[z, a, m]");
    assertThat(get(value, "counts")).isInstanceOf(LinkedHashMap.class).asString().isEqualTo("{z=1, a=2}");
  }

  @Test
  void skipsUnknownFieldsAndReservedKeys() throws Exception {
    String json =
        "{\"type\":\"all\",\"msg_id\":3,\"in_reply_to\":2,\"extra\":{\"deep\":[1,{\"count\":9}]},"
            + "\"list\":[[]]," + PRIMITIVES + ",\"after\":[1,2]}";
    Object value = read(all, json);
    assertThat(get(value, "count")).isEqualTo(1);
    assertThat(get(value, "total")).isEqualTo(2L);
  }

  @Test
  void leavesTheParserAtTheObjectsEndInsideLargerDocuments() throws IOException {
    try (JsonParser parser =
        Json.FACTORY.createParser("{\"body\":{\"x\":1,\"y\":2,\"skip\":{\"a\":[]}},\"next\":true}")) {
      parser.nextToken();
      parser.nextToken();
      parser.nextToken();
      point.read(parser);
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(parser.currentName()).isEqualTo("next");
    }
  }

  @Test
  void missingPrimitiveFieldNamesTheFieldAndRecord() {
    assertThatThrownBy(() -> read(all, "{\"flag\":true,\"total\":2,\"ratio\":0.5}"))
        .isInstanceOf(JsonShapeException.class)
        .hasMessage("missing field 'count' of all");
    assertThatThrownBy(() -> read(point, "{\"x\":1}"))
        .isInstanceOf(JsonShapeException.class)
        .hasMessage("missing field 'y' of Types.Point");
  }

  @Test
  void missingReferenceFieldsReadAsNull() throws Exception {
    Object value = read(all, "{" + PRIMITIVES + "}");
    for (String field : List.of("maybeFlag", "maybeCount", "name", "payload", "ids", "origin", "groups")) {
      assertThat(get(value, field)).as(field).isNull();
    }
  }

  @Test
  void wrongTokenTypesAreShapeErrors() {
    assertThatThrownBy(() -> read(all, "{\"flag\":true,\"count\":1,\"total\":\"2\",\"ratio\":0.5}"))
        .isInstanceOf(JsonShapeException.class)
        .hasMessage("field 'total' of all: expected a 64-bit integer, got String value");
    assertThatThrownBy(() -> read(all, "{\"flag\":1,\"count\":1,\"total\":2,\"ratio\":0.5}"))
        .hasMessageContaining("field 'flag' of all: expected a boolean");
    assertThatThrownBy(() -> read(all, "{" + PRIMITIVES + ",\"name\":7}"))
        .hasMessageContaining("field 'name' of all: expected a string");
    assertThatThrownBy(() -> read(all, "{" + PRIMITIVES + ",\"ids\":{}}"))
        .hasMessageContaining("field 'ids' of all: expected an array, got Object value");
    assertThatThrownBy(() -> read(all, "{" + PRIMITIVES + ",\"counts\":[]}"))
        .hasMessageContaining("field 'counts' of all: expected an object");
    assertThatThrownBy(() -> read(all, "{" + PRIMITIVES + ",\"ids\":[1,\"x\"]}"))
        .as("elements are checked too, and named by their field")
        .hasMessage("field 'ids' of all: expected a 64-bit integer, got String value");
    assertThatThrownBy(() -> read(all, "{" + PRIMITIVES + ",\"nested_generics\":{\"k\":[[1.5]]}}"))
        .hasMessageContaining("field 'nested_generics' of all: expected a 64-bit integer, got Floating-point value");
    assertThatThrownBy(() -> read(point, "[1]"))
        .isInstanceOf(JsonShapeException.class)
        .hasMessageContaining("Types.Point: expected an object, got Array value");
  }

  @Test
  void integersRejectFractionsAndOverflow() {
    assertThatThrownBy(() -> read(all, "{\"flag\":true,\"count\":1.0,\"total\":2,\"ratio\":0.5}"))
        .isInstanceOf(JsonShapeException.class)
        .hasMessageContaining("field 'count' of all: expected a 32-bit integer");
    assertThatThrownBy(() -> read(all, "{\"flag\":true,\"count\":3000000000,\"total\":2,\"ratio\":0.5}"))
        .isInstanceOf(JsonShapeException.class)
        .hasMessageContaining("field 'count' of all: expected a 32-bit integer");
    assertThatThrownBy(() -> read(all, "{\"flag\":true,\"count\":1,\"total\":1e3,\"ratio\":0.5}"))
        .isInstanceOf(JsonShapeException.class);
    assertThatThrownBy(
            () -> read(all, "{\"flag\":true,\"count\":1,\"total\":99999999999999999999,\"ratio\":0.5}"))
        .isInstanceOf(JsonShapeException.class)
        .hasMessageContaining("field 'total' of all: expected a 64-bit integer");
  }

  @Test
  void doublesAcceptIntegers() throws Exception {
    Object value = read(all, "{\"flag\":true,\"count\":1,\"total\":2,\"ratio\":3}");
    assertThat(get(value, "ratio")).isEqualTo(3.0);
  }

  @Test
  void nullIsAShapeErrorForPrimitivesAndNullForReferences() throws Exception {
    assertThatThrownBy(() -> read(all, "{\"flag\":true,\"count\":null,\"total\":2,\"ratio\":0.5}"))
        .isInstanceOf(JsonShapeException.class)
        .hasMessage("field 'count' of all: expected a 32-bit integer, got Null value");
    Object value =
        read(all, "{" + PRIMITIVES + ",\"maybe_count\":null,\"name\":null,\"ids\":null,\"origin\":null}");
    assertThat(get(value, "maybeCount")).isNull();
    assertThat(get(value, "name")).isNull();
    assertThat(get(value, "ids")).isNull();
    assertThat(get(value, "origin")).isNull();
  }

  @Test
  void rawJsonKeepsAnyValueVerbatim() throws Exception {
    Object value = read(all, "{" + PRIMITIVES + ",\"payload\":[1.5,{\"k\":\"\\u00e9\"},true]}");
    assertThat(get(value, "payload")).isEqualTo(new RawJson("[1.5,{\"k\":\"é\"},true]"));
  }

  @Test
  void writingOmitsNullsAndUsesSnakeCase() throws Exception {
    Object value = read(all, "{" + PRIMITIVES + ",\"maybe_total\":4}");
    assertThat(write(all, value)).isEqualTo("{" + PRIMITIVES + ",\"maybe_total\":4}");
  }

  @Test
  void nestedRecordsWriteAsObjects() throws Exception {
    Object value = read(point, "{\"y\":2,\"x\":1,\"label\":{\"children\":[],\"text\":\"t\"}}");
    assertThat(write(point, value)).isEqualTo("{\"x\":1,\"y\":2,\"label\":{\"text\":\"t\",\"children\":[]}}");
  }
}
