package glomers.runtime;

import glomers.runtime.spi.Json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
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

      assertThat(RawJson.read(parser).text()).isEqualTo(json);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(parser.currentName()).isEqualTo("after");
    }
  }

  @Test
  void stringsRoundTripThroughOfString() {
    assertThat(RawJson.ofString("a\"b").text()).isEqualTo("\"a\\\"b\"");
    assertThat(RawJson.of(7).text()).isEqualTo("7");
  }
}
