package glomers.runtime;

import glomers.runtime.spi.Json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawJsonTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "\"hi\"", "42", "-0", "1.50", "1E+5", "0.1000000000000000055511151231257827",
      "123456789012345678901234567890", "true", "null", "[]", "{}",
      "[1,2.50,{\"a\":[null,false,\"x\\\"y\"]},-3e-7]", "{\"k\":{\"n\":1.0,\"m\":[1.10]}}"})
  void readKeepsTheValueVerbatim(String json) throws IOException {
    try (JsonParser parser = Json.FACTORY.createParser("{\"v\":" + json + ",\"after\":1}")) {
      parser.nextToken();
      parser.nextToken();
      parser.nextToken();

      assertThat(Json.readRaw(parser).text()).isEqualTo(json);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(parser.currentName()).isEqualTo("after");
    }
  }

  @Test
  void stringsRoundTripThroughOfString() {
    assertThat(RawJson.ofString("a\"b").text()).isEqualTo("\"a\\\"b\"");
    assertThat(RawJson.of(7).text()).isEqualTo("7");
    assertThat(RawJson.of(-7).toString()).isEqualTo("-7");
  }

  /** ofString escapes by hand, so RawJson needs no jackson: it must write every char as a codec does. */
  @Test
  void ofStringEscapesEveryCharAsTheCodecsDo() throws IOException {
    List<String> values = new ArrayList<>(List.of("", "plain", "tab\there", "é ∑ 😀", "\u2028\u2029", "</script>"));
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      values.add("x" + c + "y");
    }
    for (String value : values) {
      StringWriter out = new StringWriter();
      try (JsonGenerator generator = Json.FACTORY.createGenerator(out)) {
        generator.writeString(value);
      }
      assertThat(RawJson.ofString(value).text()).as("%s", (Object) value.chars().toArray()).isEqualTo(out.toString());
      try (JsonParser parser = Json.FACTORY.createParser(RawJson.ofString(value).text())) {
        parser.nextToken();
        if (!value.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
          assertThat(parser.getText()).isEqualTo(value);
        }
      }
    }
  }

  /** The solutions' API: no jackson type in it, so RawJson and the SPI's Json import one way only. */
  @Test
  void namesNoJacksonType() {
    List<Executable> api = new ArrayList<>(List.of(RawJson.class.getConstructors()));
    for (Method m : RawJson.class.getDeclaredMethods()) {
      if (!Modifier.isPrivate(m.getModifiers())) {
        api.add(m);
      }
    }
    assertThat(api).isNotEmpty();
    for (Executable e : api) {
      Stream<Class<?>> types = Stream.concat(Stream.of(e.getParameterTypes()), Stream.of(e.getExceptionTypes()));
      if (e instanceof Method m) {
        types = Stream.concat(types, Stream.of(m.getReturnType()));
      }
      assertThat(types.map(Class::getName)).as(e.toString()).noneMatch(n -> n.startsWith("com.fasterxml"));
    }
  }
}
