package glomers.runtime.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * How one JSON value of Java type {@code T} is read and written: the scalars, lists, sets and maps
 * of {@link Json}, and every record through its {@link Codec}. Generated codecs compose these
 * instead of carrying their own helpers.
 */
public interface JsonValue<T> {
  /**
   * Reads the value the parser is at, leaving the parser on its last token. JSON null reads as
   * Java null, except for the primitive readers of {@link Json}.
   *
   * @param where names the value in errors, e.g. {@code "field 'ids' of broadcast"}
   */
  T read(JsonParser parser, String where) throws IOException;

  /** Writes a value; a null one as JSON null. */
  void write(JsonGenerator generator, T value) throws IOException;
}
