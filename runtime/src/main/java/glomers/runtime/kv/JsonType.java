package glomers.runtime.kv;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonShapeException;
import glomers.runtime.RawJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a KV value of type {@code V} looks as JSON. The services store any JSON and compare it
 * structurally, so a value must always encode the same way ({@code 1} and {@code 1.0} differ).
 */
public interface JsonType<V> {
  /** How shape errors name a KV value; the readers and errors are the codecs' own, from {@link Json}. */
  String WHERE = "KV value";

  /** Reads the value the parser is at, leaving the parser on its last token. */
  V read(JsonParser parser) throws IOException;

  void write(JsonGenerator generator, V value) throws IOException;

  /** A JSON integer. */
  JsonType<Long> LONG = new JsonType<>() {
    @Override
    public Long read(JsonParser parser) throws IOException {
      return Json.readLong(parser, WHERE);
    }

    @Override
    public void write(JsonGenerator generator, Long value) throws IOException {
      generator.writeNumber(value);
    }
  };

  /** A JSON string. */
  JsonType<String> STRING = new JsonType<>() {
    @Override
    public String read(JsonParser parser) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        throw Json.unexpected(parser, WHERE, "a string");
      }
      return Json.readString(parser, WHERE);
    }

    @Override
    public void write(JsonGenerator generator, String value) throws IOException {
      generator.writeString(value);
    }
  };

  /** A JSON boolean. */
  JsonType<Boolean> BOOLEAN = new JsonType<>() {
    @Override
    public Boolean read(JsonParser parser) throws IOException {
      return Json.readBoolean(parser, WHERE);
    }

    @Override
    public void write(JsonGenerator generator, Boolean value) throws IOException {
      generator.writeBoolean(value);
    }
  };

  /** Any JSON, kept as text. */
  JsonType<RawJson> RAW = new JsonType<>() {
    @Override
    public RawJson read(JsonParser parser) throws IOException {
      return Json.readRaw(parser);
    }

    @Override
    public void write(JsonGenerator generator, RawJson value) throws IOException {
      generator.writeRawValue(value.text());
    }
  };

  /** A JSON array of integers. */
  JsonType<List<Long>> LONG_LIST = listOf(LONG);

  /** A JSON array whose items are {@code item}s; read as an unmodifiable list. */
  static <E> JsonType<List<E>> listOf(JsonType<E> item) {
    return new JsonType<>() {
      @Override
      public List<E> read(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_ARRAY, "an array");
        List<E> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(item.read(parser));
        }
        return Collections.unmodifiableList(items);
      }

      @Override
      public void write(JsonGenerator generator, List<E> value) throws IOException {
        generator.writeStartArray();
        for (E element : value) {
          item.write(generator, element);
        }
        generator.writeEndArray();
      }
    };
  }

  /**
   * A JSON object with {@code value}s under string keys; read in the object's order, written in
   * key order (as every codec writes maps), so a message never depends on a map's iteration order.
   */
  static <E> JsonType<Map<String, E>> mapOf(JsonType<E> value) {
    return new JsonType<>() {
      @Override
      public Map<String, E> read(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_OBJECT, "an object");
        Map<String, E> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          parser.nextToken();
          entries.put(key, value.read(parser));
        }
        return Collections.unmodifiableMap(entries);
      }

      @Override
      public void write(JsonGenerator generator, Map<String, E> map) throws IOException {
        generator.writeStartObject();
        for (Map.Entry<String, E> entry : Json.inKeyOrder(map)) {
          generator.writeFieldName(entry.getKey());
          value.write(generator, entry.getValue());
        }
        generator.writeEndObject();
      }
    };
  }

  /** A record as the JSON object its (generated) codec reads and writes. */
  static <T> JsonType<T> of(Codec<T> codec) {
    return new JsonType<>() {
      @Override
      public T read(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_OBJECT, "an object");
        return codec.read(parser);
      }

      @Override
      public void write(JsonGenerator generator, T value) throws IOException {
        generator.writeStartObject();
        codec.writeFields(generator, value);
        generator.writeEndObject();
      }
    };
  }

  /** The value as JSON text. */
  default RawJson encode(V value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = Json.FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding " + value + " failed", e);
    }
    return new RawJson(out.toString());
  }

  /** Parses JSON text as this type; throws {@link JsonShapeException} if it has another shape. */
  default V decode(RawJson json) throws IOException {
    try (JsonParser parser = Json.FACTORY.createParser(json.text())) {
      parser.nextToken();
      return read(parser);
    }
  }

  private static void expect(JsonParser parser, JsonToken token, String what) throws IOException {
    if (parser.currentToken() != token) {
      throw Json.unexpected(parser, WHERE, what);
    }
  }
}
