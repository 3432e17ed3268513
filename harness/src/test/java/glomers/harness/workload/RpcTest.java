package glomers.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.history.OpType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RpcTest {
  private static final ReplySchema READ_OK = ReplySchema.of("read_ok", "messages", ReplySchema.Field.LIST);
  private static final ReplySchema VALUE_OK = ReplySchema.of("read_ok", "value", ReplySchema.Field.INT);
  private static final ReplySchema ECHO_OK = ReplySchema.of("echo_ok", "echo", ReplySchema.Field.ANY);

  private static Map<String, Object> call(ReplySchema schema, Map<String, Object> reply) throws Exception {
    return Rpc.call(new FakeConnection().reply(reply), Map.of("type", "x"), schema);
  }

  private static Map<String, Object> body(Object... keyValues) {
    Map<String, Object> body = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      body.put((String) keyValues[i], keyValues[i + 1]);
    }
    return body;
  }

  @Test
  void acceptsExactlyTheListedKeysPlusMsgId() throws Exception {
    assertThat(call(READ_OK, body("type", "read_ok", "messages", List.of(1L, 2L), "msg_id", 7L)))
        .containsEntry("messages", List.of(1L, 2L));
  }

  @Test
  void extraKeyIsMalformed() {
    assertThatThrownBy(() -> call(READ_OK, body("type", "read_ok", "messages", List.of(), "extra", 1L)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("Malformed RPC response")
        .hasMessageContaining("disallowed key extra");
  }

  @Test
  void missingKeyIsMalformedEvenWhenAnyValueIsAllowed() {
    assertThatThrownBy(() -> call(ECHO_OK, body("type", "echo_ok")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("missing required key echo");
  }

  @Test
  void nullIsAValueForAnyAndForLists() throws Exception {
    assertThat(call(ECHO_OK, body("type", "echo_ok", "echo", null))).containsEntry("echo", null);
    assertThat(call(READ_OK, body("type", "read_ok", "messages", null))).containsEntry("messages", null);
  }

  @Test
  void wrongTypesAreMalformed() {
    assertThatThrownBy(() -> call(VALUE_OK, body("type", "read_ok", "value", 1.0)))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> call(VALUE_OK, body("type", "read_ok", "value", "1")))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> call(VALUE_OK, body("type", "read_ok", "value", null)))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> call(READ_OK, body("type", "read_ok", "messages", Map.of())))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> call(READ_OK, body("type", "read_ok", "messages", List.of(), "msg_id", "3")))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> call(READ_OK, body("type", "reed_ok", "messages", List.of())))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("type should be");
  }

  @Test
  void inReplyToMustBeAnInteger() {
    assertThatThrownBy(() -> call(ECHO_OK, body("type", "echo_ok", "echo", 1L, "in_reply_to", 1.0)))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void errorBodiesAreThrownBeforeSchemaChecks() {
    assertThatThrownBy(() -> call(ECHO_OK, body("type", "error", "code", 22L, "text", "no", "extra", true)))
        .isInstanceOfSatisfying(
            RpcError.class,
            e -> {
              assertThat(e.name()).isEqualTo("precondition-failed");
              assertThat(e.definite()).isTrue();
              assertThat(e.asOpError()).isEqualTo(List.of("precondition-failed", "no"));
            });
  }

  @Test
  void errorCodesAreNamedByTheTable() {
    assertThat(new RpcError(body("type", "error", "code", 13L)).name()).isEqualTo("crash");
    assertThat(new RpcError(body("type", "error", "code", 13L)).definite()).isFalse();
    assertThat(new RpcError(body("type", "error", "code", 11)).definite()).isTrue();
    assertThat(new RpcError(body("type", "error", "code", 30L)).name()).isEqualTo("txn-conflict");
    RpcError user = new RpcError(body("type", "error", "code", 1000L, "text", "mine"));
    assertThat(user.name()).isEqualTo("unknown");
    assertThat(user.code()).isEqualTo(1000L);
    assertThat(user.text()).isEqualTo("mine");
    assertThat(user.body()).isEqualTo(body("type", "error", "code", 1000L, "text", "mine"));
    assertThat(user.definite()).isFalse();
    assertThat(new RpcError(body("type", "error", "code", 22.0)).name()).isEqualTo("unknown");
    assertThat(new RpcError(body("type", "error")).asOpError()).isEqualTo(Arrays.asList("unknown", null));
  }

  private static Completion classify(Set<String> idempotent, String f, FakeConnection node) throws Exception {
    Invocation invocation = new Invocation(f, 5L);
    return Rpc.withErrors(invocation, idempotent, () -> Completion.ok(Rpc.call(node, Map.of("type", f), READ_OK)));
  }

  @Test
  void definiteErrorFails() throws Exception {
    Completion c = classify(Set.of(), "broadcast", new FakeConnection().reply(body("type", "error", "code", 11L, "text", "busy")));
    assertThat(c).isEqualTo(Completion.fail(5L, List.of("temporarily-unavailable", "busy")));
  }

  @Test
  void indefiniteErrorIsInfoUnlessIdempotent() throws Exception {
    Completion write = classify(Set.of("read"), "broadcast", new FakeConnection().reply(body("type", "error", "code", 13L)));
    assertThat(write.type()).isEqualTo(OpType.INFO);
    assertThat(write.error()).isEqualTo(Arrays.asList("crash", null));
    assertThat(write.value()).isEqualTo(5L);
    Completion read = classify(Set.of("read"), "read", new FakeConnection().reply(body("type", "error", "code", 13L)));
    assertThat(read.type()).isEqualTo(OpType.FAIL);
    Completion unknown = classify(Set.of(), "cas", new FakeConnection().reply(body("type", "error", "code", 4242L)));
    assertThat(unknown.type()).isEqualTo(OpType.INFO);
    assertThat(unknown.error()).isEqualTo(Arrays.asList("unknown", null));
  }

  @Test
  void timeoutIsInfoUnlessIdempotent() throws Exception {
    assertThat(classify(Set.of("read"), "broadcast", new FakeConnection().timeout()))
        .isEqualTo(Completion.info(5L, List.of("net-timeout")));
    assertThat(classify(Set.of("read"), "read", new FakeConnection().timeout()))
        .isEqualTo(Completion.fail(5L, List.of("net-timeout")));
  }

  @Test
  void malformedRepliesEscapeTheClassifier() {
    assertThatThrownBy(() -> classify(Set.of("read"), "read", new FakeConnection().reply(body("type", "read_ok"))))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void indeterminateClientsTurnEveryFailureIntoInfo() throws Exception {
    Invocation add = new Invocation("add", 3L);
    FakeConnection node =
        new FakeConnection().reply(body("type", "error", "code", 22L)).timeout();
    Rpc.Body body = () -> Completion.ok(Rpc.call(node, Map.of("type", "add"), ReplySchema.of("add_ok")));
    Completion definite = Rpc.indeterminate(add, body);
    assertThat(definite.type()).isEqualTo(OpType.INFO);
    assertThat(definite.value()).isEqualTo(3L);
    assertThat(Rpc.indeterminate(add, body)).isEqualTo(Completion.info(3L, "indeterminate: Client read timeout"));
  }

  @Test
  void defaultTimeoutIsFiveSeconds() throws Exception {
    FakeConnection node = new FakeConnection().reply(body("type", "read_ok", "messages", List.of()));
    Rpc.call(node, Map.of("type", "read"), READ_OK);
    assertThat(node.timeouts).containsExactly(java.time.Duration.ofMillis(5000));
  }
}
