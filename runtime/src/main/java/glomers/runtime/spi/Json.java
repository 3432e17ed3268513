package glomers.runtime.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.RawJson;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The readers and writers generated codecs share, so that a codec holds only its record's fields:
 * the process's one jackson-core factory, scalar readers that check the JSON type, {@link
 * JsonValue}s for scalars and collections, and the shape errors (answered with error 12).
 *
 * <p>Errors read {@code "<where>: expected <what>, got <token>"}; a collection's elements reuse
 * its {@code where}, so an error names the field, not the index.
 *
 * <p>Sets and maps are written in a canonical order, never in their iteration order: {@code
 * Set.of}, {@code Map.of} and their {@code copyOf}s iterate in an order salted anew at each JVM
 * launch, and hash maps keyed by enums or identity-hashed objects vary too, so a message built
 * from them would differ between two runs of one simulation seed. A set of scalars is written
 * sorted (null first), any other set sorted by its elements' JSON text, and a map in key order; a
 * sorted set or map in its natural order is written as it iterates, which is that order already
 * for scalars and strings.
 */
public final class Json {
  /** The one jackson-core factory of the process: building one loads dozens of classes. */
  public static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  // --- scalars, as the codecs' primitive components read them (JSON null is an error) ----------

  public static boolean readBoolean(JsonParser parser, String where) throws IOException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw unexpected(parser, where, "a boolean");
    }
    return token == JsonToken.VALUE_TRUE;
  }

  /** An integer that fits 32 bits. */
  public static int readInt(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() != JsonParser.NumberType.INT) {
      throw unexpected(parser, where, "a 32-bit integer");
    }
    return parser.getIntValue();
  }

  /** An integer that fits 64 bits. */
  public static long readLong(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw unexpected(parser, where, "a 64-bit integer");
    }
    return parser.getLongValue();
  }

  /** Any JSON number. */
  public static double readDouble(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        && parser.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
      throw unexpected(parser, where, "a number");
    }
    return parser.getDoubleValue();
  }

  /** A string, or null for JSON null. */
  public static String readString(JsonParser parser, String where) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw unexpected(parser, where, "a string");
    }
    return parser.getText();
  }

  // --- shape errors ---------------------------------------------------------------------------

  /** The error for a value of the wrong JSON type at {@code where}. */
  public static JsonShapeException unexpected(JsonParser parser, String where, String expected) {
    return new JsonShapeException(where + ": expected " + expected + ", got "
        + JsonToken.valueDescFor(parser.currentToken()));
  }

  /** Throws unless the parser is at the start of an object. */
  public static void expectObject(JsonParser parser, String where) throws JsonShapeException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(parser, where, "an object");
    }
  }

  /** Throws {@code "missing field '<field>' of <where>"} unless a primitive field was present. */
  public static void require(boolean present, String field, String where) throws JsonShapeException {
    if (!present) {
      throw new JsonShapeException("missing field '" + field + "' of " + where);
    }
  }

  // --- fields ---------------------------------------------------------------------------------

  /** Writes {@code "name": value}, or nothing if the value is null. */
  public static <T> void writeField(JsonGenerator generator, String name, T value, JsonValue<T> type)
      throws IOException {
    if (value != null) {
      generator.writeFieldName(name);
      type.write(generator, value);
    }
  }

  // --- values: scalars (boxed, null allowed), raw JSON, collections ---------------------------

  public static final JsonValue<Boolean> BOOLEAN = new Scalar<>() {
    @Override
    Boolean readPresent(JsonParser parser, String where) throws IOException {
      return readBoolean(parser, where);
    }

    @Override
    void writePresent(JsonGenerator generator, Boolean value) throws IOException {
      generator.writeBoolean(value);
    }
  };

  public static final JsonValue<Integer> INT = new Scalar<>() {
    @Override
    Integer readPresent(JsonParser parser, String where) throws IOException {
      return readInt(parser, where);
    }

    @Override
    void writePresent(JsonGenerator generator, Integer value) throws IOException {
      generator.writeNumber(value);
    }
  };

  public static final JsonValue<Long> LONG = new Scalar<>() {
    @Override
    Long readPresent(JsonParser parser, String where) throws IOException {
      return readLong(parser, where);
    }

    @Override
    void writePresent(JsonGenerator generator, Long value) throws IOException {
      generator.writeNumber(value);
    }
  };

  public static final JsonValue<Double> DOUBLE = new Scalar<>() {
    @Override
    Double readPresent(JsonParser parser, String where) throws IOException {
      return readDouble(parser, where);
    }

    @Override
    void writePresent(JsonGenerator generator, Double value) throws IOException {
      generator.writeNumber(value);
    }
  };

  public static final JsonValue<String> STRING = new Scalar<>() {
    @Override
    String readPresent(JsonParser parser, String where) throws IOException {
      return readString(parser, where);
    }

    @Override
    void writePresent(JsonGenerator generator, String value) throws IOException {
      generator.writeString(value);
    }
  };

  /** Any JSON, kept verbatim; JSON null too (as {@code RawJson("null")}). */
  public static final JsonValue<RawJson> RAW = new JsonValue<>() {
    @Override
    public RawJson read(JsonParser parser, String where) throws IOException {
      return readRaw(parser);
    }

    @Override
    public void write(JsonGenerator generator, RawJson value) throws IOException {
      if (value == null) {
        generator.writeNull();
      } else {
        generator.writeRawValue(value.text());
      }
    }
  };

  /**
   * Copies the value the parser is at (a scalar or a whole structure) as its text, and leaves the
   * parser on the value's last token.
   */
  public static RawJson readRaw(JsonParser parser) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator copy = FACTORY.createGenerator(out)) {
      int depth = 0;
      do {
        JsonToken token = parser.currentToken();
        if (token == null) {
          throw new JsonShapeException("expected a JSON value, got the end of input");
        }
        if (token.isNumeric()) {
          // Numbers keep their text: jackson's own copy goes through double, turning 1.50 into 1.5
          // and rounding long decimals, and Maelstrom checks echoed values for equality.
          copy.writeNumber(parser.getText());
        } else {
          copy.copyCurrentEvent(parser);
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
      } while (depth > 0 && parser.nextToken() != null);
    }
    return new RawJson(out.toString());
  }

  /** A JSON array read as a mutable {@link ArrayList}. */
  public static <E> JsonValue<List<E>> list(JsonValue<E> element) {
    return new Many<List<E>, E>(element) {
      @Override
      List<E> empty() {
        return new ArrayList<>();
      }
    };
  }

  /**
   * A JSON array read as a mutable {@link LinkedHashSet}, in the array's order; written sorted
   * (see the class comment), whatever the set's own order.
   */
  public static <E> JsonValue<Set<E>> set(JsonValue<E> element) {
    return new Many<Set<E>, E>(element) {
      @Override
      Set<E> empty() {
        return new LinkedHashSet<>();
      }

      @Override
      public void write(JsonGenerator generator, Set<E> value) throws IOException {
        if (value == null || value.size() < 2 || value instanceof SortedSet<E> sorted && sorted.comparator() == null) {
          super.write(generator, value); // nothing to order, or already in natural order
        } else if (element instanceof Scalar) {
          Object[] items = value.toArray();
          Arrays.sort(items, NULLS_FIRST);
          generator.writeStartArray();
          for (Object item : items) {
            @SuppressWarnings("unchecked")
            E e = (E) item;
            element.write(generator, e);
          }
          generator.writeEndArray();
        } else {
          // Records, collections and raw JSON have no natural order: their JSON text is one.
          String[] texts = new String[value.size()];
          int i = 0;
          for (E item : value) {
            texts[i++] = text(element, item);
          }
          Arrays.sort(texts);
          generator.writeStartArray();
          for (String text : texts) {
            generator.writeRawValue(text);
          }
          generator.writeEndArray();
        }
      }
    };
  }

  /**
   * A JSON object read as a mutable {@link LinkedHashMap} with string keys, in the object's order;
   * written in key order, whatever the map's own order.
   */
  public static <V> JsonValue<Map<String, V>> map(JsonValue<V> value) {
    return new MapOf<>(value);
  }

  /** A map's entries in key order (null first), the order every map is written in. */
  @SuppressWarnings("unchecked")
  public static <V> Map.Entry<String, V>[] inKeyOrder(Map<String, V> map) {
    Map.Entry<String, V>[] entries = map.entrySet().toArray(new Map.Entry[0]);
    if (entries.length > 1 && !(map instanceof SortedMap<String, V> sorted && sorted.comparator() == null)) {
      Arrays.sort(entries, BY_KEY);
    }
    return entries;
  }

  /** One value's JSON text, as {@code type} writes it. */
  private static <T> String text(JsonValue<T> type, T value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      type.write(generator, value);
    }
    return out.toString();
  }

  // Named classes rather than lambdas: no lambda bootstrap in the class init of every node.
  private static final Comparator<Object> NULLS_FIRST = new NullsFirst();
  private static final Comparator<Map.Entry<String, ?>> BY_KEY = new ByKey();

  private static final class NullsFirst implements Comparator<Object> {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object a, Object b) {
      return a == null ? (b == null ? 0 : -1) : b == null ? 1 : ((Comparable) a).compareTo(b);
    }
  }

  private static final class ByKey implements Comparator<Map.Entry<String, ?>> {
    @Override
    public int compare(Map.Entry<String, ?> a, Map.Entry<String, ?> b) {
      return NULLS_FIRST.compare(a.getKey(), b.getKey());
    }
  }

  private abstract static class Scalar<T> implements JsonValue<T> {
    abstract T readPresent(JsonParser parser, String where) throws IOException;

    abstract void writePresent(JsonGenerator generator, T value) throws IOException;

    @Override
    public final T read(JsonParser parser, String where) throws IOException {
      return parser.currentToken() == JsonToken.VALUE_NULL ? null : readPresent(parser, where);
    }

    @Override
    public final void write(JsonGenerator generator, T value) throws IOException {
      if (value == null) {
        generator.writeNull();
      } else {
        writePresent(generator, value);
      }
    }
  }

  private abstract static class Many<C extends Collection<E>, E> implements JsonValue<C> {
    private final JsonValue<E> element;

    Many(JsonValue<E> element) {
      this.element = element;
    }

    abstract C empty();

    @Override
    public C read(JsonParser parser, String where) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw unexpected(parser, where, "an array");
      }
      C items = empty();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(element.read(parser, where));
      }
      return items;
    }

    @Override
    public void write(JsonGenerator generator, C value) throws IOException {
      if (value == null) {
        generator.writeNull();
        return;
      }
      generator.writeStartArray();
      for (E item : value) {
        element.write(generator, item);
      }
      generator.writeEndArray();
    }
  }

  private static final class MapOf<V> implements JsonValue<Map<String, V>> {
    private final JsonValue<V> value;

    MapOf(JsonValue<V> value) {
      this.value = value;
    }

    @Override
    public Map<String, V> read(JsonParser parser, String where) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw unexpected(parser, where, "an object");
      }
      Map<String, V> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        parser.nextToken();
        entries.put(key, value.read(parser, where));
      }
      return entries;
    }

    @Override
    public void write(JsonGenerator generator, Map<String, V> map) throws IOException {
      if (map == null) {
        generator.writeNull();
        return;
      }
      generator.writeStartObject();
      for (Map.Entry<String, V> entry : inKeyOrder(map)) {
        generator.writeFieldName(entry.getKey());
        value.write(generator, entry.getValue());
      }
      generator.writeEndObject();
    }
  }
}
