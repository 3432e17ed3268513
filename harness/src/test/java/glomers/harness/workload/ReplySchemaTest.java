package glomers.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplySchemaTest {
  private static final ReplySchema OBJECT_OK = ReplySchema.of("x_ok", "m", ReplySchema.Field.MAP);
  private static final ReplySchema SMALL_OK =
      OBJECT_OK.where("m", "an object of small numbers", m -> ((Map<?, ?>) m).values().stream().allMatch(v -> (Long) v < 10));

  private static Map<String, Object> call(ReplySchema schema, Object m) throws Exception {
    return Rpc.call(new FakeConnection().reply(Map.of("type", "x_ok", "m", m)), Map.of("type", "x"), schema);
  }

  @Test
  void mapFieldsTakeObjectsOnly() throws Exception {
    assertThat(call(OBJECT_OK, Map.of("a", 1L))).containsEntry("m", Map.of("a", 1L));
    assertThatThrownBy(() -> call(OBJECT_OK, List.of()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("m should be an object but is []");
  }

  @Test
  void aRuleRejectsValuesOfTheRightKindThatBreakIt() throws Exception {
    assertThat(call(SMALL_OK, Map.of("a", 1L))).containsKey("m");
    assertThatThrownBy(() -> call(SMALL_OK, Map.of("a", 11L)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("node n0")
        .hasMessageContaining("m should be an object of small numbers but is {a=11}");
    // The kind is checked first, so a rule never sees a value of the wrong kind.
    assertThatThrownBy(() -> call(SMALL_OK, "no")).hasMessageContaining("m should be an object but is the string");
  }

  @Test
  void aRuleAddedInATestApplies() {
    // SMALL_OK is built once in the static initializer; build one here too so a broken where() shows.
    ReplySchema positive = OBJECT_OK.where("m", "a non-empty object", m -> !((Map<?, ?>) m).isEmpty());
    assertThatThrownBy(() -> call(positive, Map.of())).hasMessageContaining("m should be a non-empty object but is {}");
  }

  @Test
  void aRuleNeedsAField() {
    assertThatThrownBy(() -> OBJECT_OK.where("other", "x", v -> true)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, Object> reply(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void aBareReplyNeedsOnlyTypeAndInReplyTo() throws Exception {
    ReplySchema schema = ReplySchema.of("init_ok");
    assertThat(schema.type()).isEqualTo("init_ok");
    Map<String, Object> ok = reply("type", "init_ok", "in_reply_to", 1L, "msg_id", 2L);
    assertThat(schema.validate("n0", Map.of(), ok)).isSameAs(ok);
  }

  @Test
  void everyProblemIsListedWithTheExpectedShape() {
    ReplySchema schema = ReplySchema.of("read_ok", "value", ReplySchema.Field.INT);
    assertThatThrownBy(() -> schema.validate("n1", Map.of("type", "read"), reply("type", null, "msg_id", "7", "extra", 1L)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("node n1 the request {type=read}")
        .hasMessageContaining("a reply of the form {type=\"read_ok\", value=int, in_reply_to=int, msg_id=optional int}")
        .hasMessageContaining(
            "because: type should be \"read_ok\" but is null; missing required key in_reply_to; "
                + "msg_id should be an integer but is the string \"7\"; missing required key value; disallowed key extra");
  }

  @Test
  void fieldKindsAreCheckedStrictly() throws Exception {
    ReplySchema ints = ReplySchema.of("x_ok", "v", ReplySchema.Field.INT);
    assertThatThrownBy(() -> ints.validate("n0", Map.of(), reply("type", "x_ok", "in_reply_to", 1.0, "v", 1.0)))
        .hasMessageContaining("in_reply_to should be an integer but is 1.0 (Double); v should be an integer but is 1.0 (Double)");
    ReplySchema lists = ReplySchema.of("x_ok", "v", ReplySchema.Field.LIST);
    assertThat(lists.validate("n0", Map.of(), reply("type", "x_ok", "in_reply_to", 1L, "v", null))).containsEntry("v", null);
    assertThatThrownBy(() -> lists.validate("n0", Map.of(), reply("type", "x_ok", "in_reply_to", 1L, "v", 3L)))
        .hasMessageContaining("v should be an array but is 3 (Long)");
    ReplySchema any = ReplySchema.of("x_ok", "v", ReplySchema.Field.ANY);
    assertThat(any.validate("n0", Map.of(), reply("type", "x_ok", "in_reply_to", 1L, "v", null))).containsEntry("v", null);
    assertThatThrownBy(() -> any.validate("n0", Map.of(), reply("type", "x_ok", "in_reply_to", 1L)))
        .hasMessageContaining("form {type=\"x_ok\", v=any,")
        .hasMessageContaining("because: missing required key v");
  }
}
