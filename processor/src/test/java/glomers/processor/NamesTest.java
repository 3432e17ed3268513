package glomers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ClassName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NamesTest {
  @ParameterizedTest
  @CsvSource({
      "nodeIds, node_ids",
      "HTTPCode, http_code",
      "getHTTPResponseCode, get_http_response_code",
      "msgID, msg_id",
      "ABC, abc",
      "A, a",
      "x, x",
      "aB, a_b",
      "already_snake, already_snake",
      "snake_Case, snake_case",
      "inReplyTo, in_reply_to",
      "v2Value, v2_value",
      "IDs, i_ds",
      "XMLHttp, xml_http",
  })
  void snakeCase(String java, String json) {
    assertThat(Names.snakeCase(java)).isEqualTo(json);
  }

  @Test
  void constantCase() {
    assertThat(Names.constantCase("nestedGenerics")).isEqualTo("NESTED_GENERICS");
    assertThat(Names.constantCase("ids")).isEqualTo("IDS");
  }

  @Test
  void generatedNamesJoinNestedSimpleNamesInTheRecordsPackage() {
    ClassName deep = ClassName.get("p.q", "Outer", "Inner", "Ping");
    assertThat(Names.codecName(deep)).isEqualTo(ClassName.get("p.q", "Outer_Inner_Ping_Codec"));
    assertThat(Names.dispatcherName(ClassName.get("p", "Outer", "Echo")))
        .isEqualTo(ClassName.get("p", "Outer_Echo_Dispatcher"));
    assertThat(Names.codecName(ClassName.get("", "Top"))).isEqualTo(ClassName.get("", "Top_Codec"));
  }
}
