package glomers.harness.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvelopeValidationTest {
  @Test
  void acceptsExactlyTheEnvelopeKeys() {
    assertThat(NodeProcess.validate("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"type\":\"echo_ok\"}}").get("src").asText())
        .isEqualTo("n1");
    assertThat(NodeProcess.validate("{\"id\":3,\"src\":\"n1\",\"dest\":\"n2\",\"body\":{}}")).isNotNull();
  }

  @Test
  void refusesWhatMaelstromsSchemaRefuses() {
    assertThatThrownBy(() -> NodeProcess.validate("hello")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> NodeProcess.validate("")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> NodeProcess.validate("[1]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> NodeProcess.validate("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{}} {}"))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> NodeProcess.validate("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{},\"extra\":1}"))
        .hasMessageContaining("unexpected top-level key \"extra\"");
    assertThatThrownBy(() -> NodeProcess.validate("{\"dest\":\"c0\",\"body\":{}}")).hasMessageContaining("missing \"src\"");
    assertThatThrownBy(() -> NodeProcess.validate("{\"src\":1,\"dest\":\"c0\",\"body\":{}}"))
        .hasMessageContaining("\"src\" is not a string");
    assertThatThrownBy(() -> NodeProcess.validate("{\"src\":\"n1\",\"dest\":\"c0\"}")).hasMessageContaining("missing \"body\"");
    assertThatThrownBy(() -> NodeProcess.validate("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":\"hi\"}"))
        .hasMessageContaining("\"body\" is not a JSON object");
    assertThatThrownBy(() -> NodeProcess.validate("{\"id\":\"x\",\"src\":\"n1\",\"dest\":\"c0\",\"body\":{}}"))
        .hasMessageContaining("\"id\" is not an integer");
  }
}
