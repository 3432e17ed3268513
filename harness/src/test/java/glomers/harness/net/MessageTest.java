package glomers.harness.net;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.json.Json;
import org.junit.jupiter.api.Test;

class MessageTest {
  @Test
  void aNodeIdIsQuotedAsJacksonQuotesItWithOrWithoutEscapes() {
    for (String id : new String[] {"n1", "c12", "lin-kv", "", "é/ü", "\u007f", "a\"b", "back\\slash", "tab\there", "nl\n", "\u0001"}) {
      StringBuilder quoted = new StringBuilder();
      Message.appendString(quoted, id);
      assertThat(quoted.toString()).as(id).isEqualTo(Json.NODES.textNode(id).toString());
    }
  }
}
