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
  void aRuleNeedsAField() {
    assertThatThrownBy(() -> OBJECT_OK.where("other", "x", v -> true)).isInstanceOf(IllegalArgumentException.class);
  }
}
