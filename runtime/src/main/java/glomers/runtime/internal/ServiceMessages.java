package glomers.runtime.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonShapeException;
import glomers.runtime.RawJson;
import java.io.IOException;
import java.util.List;

/**
 * The bodies Maelstrom's KV and TSO services speak, with hand-written codecs. Values stay {@link
 * RawJson} on the wire; {@code glomers.runtime.kv.JsonType} turns them into typed values.
 */
public final class ServiceMessages {
  private ServiceMessages() {}

  /** The runtime looks these up when a solution's own codecs do not cover a class. */
  public static List<Codec<?>> codecs() {
    return List.of(
        new ReadCodec(), new ReadOkCodec(), new WriteCodec(), new WriteOkCodec(),
        new CasCodec(), new CasOkCodec(), new TsCodec(), new TsOkCodec());
  }

  public record Read(String key) {}

  public record ReadOk(RawJson value) {}

  public record Write(String key, RawJson value) {}

  public record WriteOk() {}

  public record Cas(String key, RawJson from, RawJson to, boolean createIfNotExists) {}

  public record CasOk() {}

  public record Ts() {}

  public record TsOk(long ts) {}

  private abstract static class ServiceCodec<T> implements Codec<T> {
    private final Class<T> javaType;
    private final String wireType;

    ServiceCodec(Class<T> javaType, String wireType) {
      this.javaType = javaType;
      this.wireType = wireType;
    }

    @Override
    public Class<T> javaType() {
      return javaType;
    }

    @Override
    public String wireType() {
      return wireType;
    }

    @Override
    public T read(JsonParser parser) throws IOException {
      throw new UnsupportedOperationException("the runtime only sends " + wireType);
    }

    @Override
    public void writeFields(JsonGenerator generator, T value) throws IOException {
      throw new UnsupportedOperationException("the runtime only receives " + wireType);
    }
  }

  /** Reads a reply body whose only interesting field is {@code field}; returns null if absent. */
  private static RawJson readField(JsonParser parser, String field) throws IOException {
    RawJson found = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (field.equals(name)) {
        found = Json.readRaw(parser);
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }

  private static void skipObject(JsonParser parser) throws IOException {
    parser.skipChildren();
  }

  private static final class ReadCodec extends ServiceCodec<Read> {
    ReadCodec() {
      super(Read.class, "read");
    }

    @Override
    public void writeFields(JsonGenerator json, Read value) throws IOException {
      json.writeStringField("key", value.key());
    }
  }

  private static final class ReadOkCodec extends ServiceCodec<ReadOk> {
    ReadOkCodec() {
      super(ReadOk.class, "read_ok");
    }

    @Override
    public ReadOk read(JsonParser parser) throws IOException {
      RawJson value = readField(parser, "value");
      if (value == null) {
        throw new JsonShapeException("read_ok without a value");
      }
      return new ReadOk(value);
    }
  }

  private static final class WriteCodec extends ServiceCodec<Write> {
    WriteCodec() {
      super(Write.class, "write");
    }

    @Override
    public void writeFields(JsonGenerator json, Write value) throws IOException {
      json.writeStringField("key", value.key());
      json.writeFieldName("value");
      json.writeRawValue(value.value().text());
    }
  }

  private static final class WriteOkCodec extends ServiceCodec<WriteOk> {
    WriteOkCodec() {
      super(WriteOk.class, "write_ok");
    }

    @Override
    public WriteOk read(JsonParser parser) throws IOException {
      skipObject(parser);
      return new WriteOk();
    }
  }

  private static final class CasCodec extends ServiceCodec<Cas> {
    CasCodec() {
      super(Cas.class, "cas");
    }

    @Override
    public void writeFields(JsonGenerator json, Cas value) throws IOException {
      json.writeStringField("key", value.key());
      json.writeFieldName("from");
      json.writeRawValue(value.from().text());
      json.writeFieldName("to");
      json.writeRawValue(value.to().text());
      if (value.createIfNotExists()) {
        json.writeBooleanField("create_if_not_exists", true);
      }
    }
  }

  private static final class CasOkCodec extends ServiceCodec<CasOk> {
    CasOkCodec() {
      super(CasOk.class, "cas_ok");
    }

    @Override
    public CasOk read(JsonParser parser) throws IOException {
      skipObject(parser);
      return new CasOk();
    }
  }

  private static final class TsCodec extends ServiceCodec<Ts> {
    TsCodec() {
      super(Ts.class, "ts");
    }

    @Override
    public void writeFields(JsonGenerator json, Ts value) {}
  }

  private static final class TsOkCodec extends ServiceCodec<TsOk> {
    TsOkCodec() {
      super(TsOk.class, "ts_ok");
    }

    @Override
    public TsOk read(JsonParser parser) throws IOException {
      Long ts = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("ts".equals(name)) {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new JsonShapeException("ts must be an integer, got " + value);
          }
          ts = parser.getLongValue();
        } else {
          parser.skipChildren();
        }
      }
      if (ts == null) {
        throw new JsonShapeException("ts_ok without ts");
      }
      return new TsOk(ts);
    }
  }
}
