package glomers.harness.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.json.Json;
import glomers.harness.net.Message;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalTapTest {
  private static Message message(long id, Map<String, Object> body) {
    ObjectNode node = Json.toObject(body);
    return new Message(id, "n0", "c3", node, node.toString(), 0);
  }

  @Test
  void keepsEnvelopeTimesTypeAndIdsOnTheHistorysClock() {
    JournalTap tap = new JournalTap();
    tap.event(5_000_000, true, message(7, Map.of("type", "read_ok", "in_reply_to", 4, "msg_id", 9)));
    tap.event(6_500_000, false, message(7, Map.of("type", "read_ok", "in_reply_to", 4, "msg_id", 9)));
    tap.event(7_000_000, true, message(8, Map.of("type", "gossip")));

    var messages = tap.messages(1_000_000);
    assertThat(messages).hasSize(2);
    RunData.Message first = messages.get(0);
    assertThat(first.send()).isEqualTo(4_000);
    assertThat(first.recv()).isEqualTo(5_500);
    assertThat(first.type()).isEqualTo("read_ok");
    assertThat(first.inReplyTo()).isEqualTo(4L);
    assertThat(first.msgId()).isEqualTo(9L);
    assertThat(first.body()).contains("\"in_reply_to\":4");
    assertThat(messages.get(1).delivered()).isFalse();
    assertThat(messages.get(1).msgId()).isNull();
  }

  @Test
  void letsGoOfEverythingPastItsLimit() {
    JournalTap tap = new JournalTap(2);
    for (int i = 0; i < 3; i++) {
      tap.event(i, true, message(i, Map.of("type", "gossip")));
    }
    assertThat(tap.overflowed()).isTrue();
    assertThat(tap.messages(0)).isEmpty();
  }
}
