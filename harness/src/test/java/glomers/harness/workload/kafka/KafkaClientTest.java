package glomers.harness.workload.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.history.OpType;
import glomers.harness.workload.Completion;
import glomers.harness.workload.FakeConnection;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientTest {
  private final FakeConnection node = new FakeConnection();
  private final KafkaClient client = new KafkaClient(node);

  private static final Invocation POLL = new Invocation("poll", List.of(List.of("poll")));

  private static Map<String, Object> body(Object... keyValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      body.put((String) keyValues[i], keyValues[i + 1]);
    }
    return body;
  }

  private static Invocation send(String key, long msg) {
    return new Invocation("send", List.of(List.of("send", key, msg)));
  }

  private static Invocation assign(String... keys) {
    return new Invocation("assign", List.of(keys));
  }

  private void assignAt(Map<String, Long> offsets) throws Exception {
    node.reply(body("type", "list_committed_offsets_ok", "offsets", Map.of()));
    client.invoke(assign(offsets.keySet().toArray(String[]::new)));
    assertThat(client.offsets().keySet()).containsExactlyInAnyOrderElementsOf(offsets.keySet());
  }

  @Test
  void aSendRecordsItsOffsetNextToTheMsg() throws Exception {
    node.reply(body("type", "send_ok", "offset", 3L));

    Completion done = client.invoke(send("k", 7));

    assertThat(node.requests.get(0)).isEqualTo(body("type", "send", "key", "k", "msg", 7L));
    assertThat(node.timeouts.get(0).toMillis()).isEqualTo(5000);
    assertThat(done).isEqualTo(Completion.ok(List.of(List.of("send", "k", List.of(3L, 7L)))));
  }

  @Test
  void aPollSendsTheLocalOffsetsAndCommitsTheHighestOffsetReturned() throws Exception {
    assignAt(Map.of("a", 0L, "b", 0L));
    node.reply(body("type", "poll_ok", "msgs", body("a", List.of(List.of(0L, 5L), List.of(1L, 6L)), "b", List.of())));
    node.reply(body("type", "commit_offsets_ok"));

    Completion done = client.invoke(POLL);

    assertThat(node.requests.get(1).get("offsets")).isEqualTo(Map.of("a", 0L, "b", 0L));
    assertThat(node.requests.get(2)).isEqualTo(body("type", "commit_offsets", "offsets", Map.of("a", 1L)));
    assertThat(done.type()).isEqualTo(OpType.OK);
    assertThat(done.value())
        .isEqualTo(List.of(List.of("poll", body("a", List.of(List.of(0L, 5L), List.of(1L, 6L)), "b", List.of()))));
    assertThat(client.offsets()).isEqualTo(Map.of("a", 2L, "b", 0L));
  }

  @Test
  void aPollWithNoDataCommitsNothing() throws Exception {
    node.reply(body("type", "poll_ok", "msgs", Map.of()));

    assertThat(client.invoke(POLL).type()).isEqualTo(OpType.OK);
    assertThat(node.requests).hasSize(1);
    assertThat(node.requests.get(0).get("offsets")).isEqualTo(Map.of());
  }

  @Test
  void aDefinitelyFailedCommitFailsThePollButKeepsTheAdvancedOffsets() throws Exception {
    assignAt(Map.of("a", 0L));
    node.reply(body("type", "poll_ok", "msgs", body("a", List.of(List.of(0L, 5L)))));
    node.reply(body("type", "error", "code", 11L, "text", "busy"));

    Completion done = client.invoke(POLL);

    assertThat(done.type()).isEqualTo(OpType.FAIL);
    assertThat(done.value()).isEqualTo(POLL.value());
    assertThat(client.offsets()).isEqualTo(Map.of("a", 1L));
  }

  @Test
  void aCommitTimeoutMakesThePollIndeterminate() throws Exception {
    assignAt(Map.of("a", 0L));
    node.reply(body("type", "poll_ok", "msgs", body("a", List.of(List.of(0L, 5L)))));
    node.timeout();

    Completion done = client.invoke(POLL);

    assertThat(done.type()).isEqualTo(OpType.INFO);
    assertThat(done.value()).isEqualTo(POLL.value());
  }

  @Test
  void timeoutsAndErrorsAreClassifiedPerOp() throws Exception {
    node.timeout();
    assertThat(client.invoke(send("k", 1)).type()).isEqualTo(OpType.INFO);
    node.timeout();
    assertThat(client.invoke(POLL).type()).isEqualTo(OpType.INFO);
    node.timeout();
    assertThat(client.invoke(assign("k")).type()).isEqualTo(OpType.FAIL);
    node.reply(body("type", "error", "code", 14L));
    assertThat(client.invoke(send("k", 1)).type()).isEqualTo(OpType.FAIL);
    node.reply(body("type", "error", "code", 13L));
    Completion indefinite = client.invoke(send("k", 1));
    assertThat(indefinite.type()).isEqualTo(OpType.INFO);
    assertThat(indefinite.value()).isEqualTo(send("k", 1).value());
    node.reply(body("type", "error", "code", 14L));
    assertThat(client.invoke(assign("k")).type()).isEqualTo(OpType.FAIL);
  }

  @Test
  void assignKeepsKnownOffsetsAndStartsNewKeysAtZeroWhateverWasCommitted() throws Exception {
    assignAt(Map.of("a", 0L, "b", 0L));
    node.reply(body("type", "poll_ok", "msgs", body("a", List.of(List.of(4L, 5L)))));
    node.reply(body("type", "commit_offsets_ok"));
    client.invoke(POLL);
    node.reply(body("type", "list_committed_offsets_ok", "offsets", Map.of("a", 4L, "c", 9L)));

    Completion done = client.invoke(assign("a", "c"));

    assertThat(node.requests.get(3)).isEqualTo(body("type", "list_committed_offsets", "keys", List.of("a", "c")));
    assertThat(done).isEqualTo(Completion.ok(List.of("a", "c")));
    assertThat(client.offsets()).isEqualTo(Map.of("a", 5L, "c", 0L));
  }

  @Test
  void aFinalAssignSeeksToTheStartWithoutAskingTheNode() throws Exception {
    assignAt(Map.of("a", 0L));
    node.reply(body("type", "poll_ok", "msgs", body("a", List.of(List.of(0L, 5L)))));
    node.reply(body("type", "commit_offsets_ok"));
    client.invoke(POLL);

    Completion done = client.invoke(new Invocation("assign", List.of("a", "b"), true));

    assertThat(done.type()).isEqualTo(OpType.OK);
    assertThat(node.requests).hasSize(3);
    assertThat(client.offsets()).isEqualTo(Map.of("a", 0L, "b", 0L));
  }

  @Test
  void aFinalAssignForgetsKeysItDoesNotName() throws Exception {
    assignAt(Map.of("a", 0L, "c", 0L));

    client.invoke(new Invocation("assign", List.of("a", "b"), true));

    assertThat(client.offsets()).isEqualTo(Map.of("a", 0L, "b", 0L));
  }

  @Test
  void aCrashIsIndeterminateWithoutAnyRpc() throws Exception {
    assertThat(client.invoke(new Invocation("crash", null)).type()).isEqualTo(OpType.INFO);
    assertThat(node.requests).isEmpty();
  }

  @Test
  void malformedPollRepliesThrowNamingTheNodeAndTheReply() {
    Map<String, Object> threeElements = body("a", List.of(List.of(0L, 5L, 6L)));
    Map<String, Object> fractionalOffset = body("a", List.of(List.of(0.5, 5L)));
    Map<String, Object> notAList = body("a", Map.of());
    for (Map<String, Object> msgs : List.of(threeElements, fractionalOffset, notAList)) {
      FakeConnection bad = new FakeConnection().reply(body("type", "poll_ok", "msgs", msgs));
      assertThatThrownBy(() -> new KafkaClient(bad).invoke(POLL))
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("node n0")
          .hasMessageContaining("but received {type=poll_ok, msgs=" + msgs);
    }
    FakeConnection wrongType = new FakeConnection().reply(body("type", "send_ok", "offset", 1L));
    assertThatThrownBy(() -> new KafkaClient(wrongType).invoke(POLL)).hasMessageContaining("type should be \"poll_ok\"");
    FakeConnection badOffset = new FakeConnection().reply(body("type", "send_ok", "offset", "1"));
    assertThatThrownBy(() -> new KafkaClient(badOffset).invoke(send("k", 1))).hasMessageContaining("offset should be an integer");
    FakeConnection badCommitted = new FakeConnection().reply(body("type", "list_committed_offsets_ok", "offsets", body("a", null)));
    assertThatThrownBy(() -> new KafkaClient(badCommitted).invoke(assign("a"))).isInstanceOf(MalformedResponseException.class);
    Map<String, Object> noMsgs = new HashMap<>(body("type", "poll_ok"));
    assertThatThrownBy(() -> new KafkaClient(new FakeConnection().reply(noMsgs)).invoke(POLL))
        .hasMessageContaining("missing required key msgs");
  }
}
