package glomers.runtime.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads and writes one record type as a JSON object with jackson-core's streaming API. Generated
 * as {@code <Record>_Codec} (nested records as {@code Outer_Inner_Codec}). As a {@link JsonValue}
 * it is the record as a component of another record: JSON null is Java null, and the object gets
 * its braces.
 */
public interface Codec<T> extends JsonValue<T> {
  /** The record class. */
  Class<T> javaType();

  /** The {@code @Message} wire type, or null for a record used only inside other records. */
  String wireType();

  /**
   * Reads an object. The parser is at its {@code START_OBJECT} and is left at the matching {@code
   * END_OBJECT}. Unknown fields (and the reserved {@code type}, {@code msg_id}, {@code
   * in_reply_to}) are skipped; a missing primitive field or a value of the wrong JSON type throws.
   */
  T read(JsonParser parser) throws IOException;

  /** Writes the record's fields, without braces, so the runtime can add reserved fields. */
  void writeFields(JsonGenerator generator, T value) throws IOException;

  @Override
  default T read(JsonParser parser, String where) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : read(parser);
  }

  @Override
  default void write(JsonGenerator generator, T value) throws IOException {
    if (value == null) {
      generator.writeNull();
      return;
    }
    generator.writeStartObject();
    writeFields(generator, value);
    generator.writeEndObject();
  }
}
