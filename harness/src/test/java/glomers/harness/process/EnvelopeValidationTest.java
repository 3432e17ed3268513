package glomers.harness.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
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

  @Test
  void aValidLineTooLargeForTheParserIsNamedAsSuch() {
    // Issue 11: a node echoing a 64 MB string is valid JSON, but over jackson's string limit.
    String line = "{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"type\":\"echo_ok\",\"echo\":\""
        + "x".repeat(64 << 20) + "\"}}";

    assertThatThrownBy(() -> NodeProcess.validate(line))
        .isInstanceOf(NodeProcess.OverLimit.class)
        .hasMessage("a line of " + String.format(Locale.ROOT, "%,d", line.length()) + " chars with a string"
            + " over 20,000,000 chars, the limit of jackson's StreamReadConstraints.maxStringLength")
        .hasMessageNotContaining("not JSON");
  }

  @Test
  void everyParserLimitIsNamed() {
    String deep = "[".repeat(1001) + "]".repeat(1001);
    assertThatThrownBy(() -> NodeProcess.validate("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"a\":" + deep + "}}"))
        .isInstanceOf(NodeProcess.OverLimit.class)
        .hasMessageContaining("nesting deeper than 1,000, the limit of jackson's StreamReadConstraints.maxNestingDepth");
    assertThatThrownBy(() -> NodeProcess.validate("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"a\":" + "9".repeat(1001) + "}}"))
        .isInstanceOf(NodeProcess.OverLimit.class)
        .hasMessageContaining("a number over 1,000 chars, the limit of jackson's StreamReadConstraints.maxNumberLength");
    assertThatThrownBy(() -> NodeProcess.validate("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"" + "k".repeat(50_001) + "\":1}}"))
        .isInstanceOf(NodeProcess.OverLimit.class)
        .hasMessageContaining("a field name over 50,000 chars, the limit of jackson's StreamReadConstraints.maxNameLength");
  }
}
