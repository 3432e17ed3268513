package glomers.harness.workload.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.OpType;
import glomers.harness.workload.Completion;
import glomers.harness.workload.FakeConnection;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EchoTest {
  private final EchoWorkload workload = new EchoWorkload();

  @Test
  void generatorAsksForEchoesOfZeroTo127DeterministicallyBySeed() {
    Generator a = workload.generator(null, new Random(7));
    Generator b = workload.generator(null, new Random(7));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      Invocation op = a.next(i % 3);
      assertThat(op).isEqualTo(b.next(i % 3));
      assertThat(op.f()).isEqualTo("echo");
      seen.add((String) op.value());
    }
    assertThat(seen).hasSize(128).contains("Please echo 0", "Please echo 127");
    assertThat(workload.hasFinalPhase()).isFalse();
    assertThat(workload.reusableClient()).isFalse();
  }

  @Test
  void clientSendsTheValueAndKeepsTheWholeReply() throws Exception {
    FakeConnection node = new FakeConnection().reply(Map.of("type", "echo_ok", "echo", "Please echo 3"));
    Completion done = workload.client(node, null).invoke(new Invocation("echo", "Please echo 3"));
    assertThat(node.requests).containsExactly(Map.of("type", "echo", "echo", "Please echo 3"));
    assertThat(done.type()).isEqualTo(OpType.OK);
    assertThat(done.value()).isEqualTo(Map.of("type", "echo_ok", "echo", "Please echo 3", "in_reply_to", 1L));
  }

  @Test
  void clientRejectsExtraKeys() {
    FakeConnection node = new FakeConnection().reply(Map.of("type", "echo_ok", "echo", "x", "note", "hi"));
    assertThatThrownBy(() -> workload.client(node, null).invoke(new Invocation("echo", "x")))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void clientFailsDefiniteErrors() throws Exception {
    FakeConnection node = new FakeConnection().reply(Map.of("type", "error", "code", 10L, "text", "nope"));
    assertThat(workload.client(node, null).invoke(new Invocation("echo", "x")))
        .isEqualTo(Completion.fail("x", List.of("not-supported", "nope")));
  }

  private static Result check(HistoryBuilder h) {
    return new EchoChecker().check(h.build());
  }

  private static Map<String, Object> reply(Object echo) {
    return Map.of("type", "echo_ok", "echo", echo, "in_reply_to", 1L);
  }

  @Test
  void matchingEchoesPass() {
    Result r = check(new HistoryBuilder().op(0, "echo", "Please echo 1", OpType.OK, reply("Please echo 1")));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("errors", List.of());
  }

  @Test
  void wrongEchoFails() {
    Result r = check(new HistoryBuilder()
        .op(0, "echo", "Please echo 1", OpType.OK, reply("Please echo 1"))
        .op(1, "echo", "Please echo 2", OpType.OK, reply("Please echo 20")));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    assertThat((List<?>) r.json().get("errors")).hasSize(1);
  }

  @Test
  void echoOfAnotherJsonTypeFails() {
    Result r = check(new HistoryBuilder().op(0, "echo", 1L, OpType.OK, reply(1.0)));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void missingEchoFails() {
    Result r = check(new HistoryBuilder().op(0, "echo", "Please echo 1", OpType.OK, Map.of("type", "echo_ok")));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void failCompletionCountsAsError() {
    Result r = check(new HistoryBuilder()
        .invoke(0, "echo", "Please echo 1")
        .fail(0, "echo", "Please echo 1", java.util.Arrays.asList("not-supported", null)));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void infoCompletionsAreIgnored() {
    Result r = check(new HistoryBuilder()
        .op(0, "echo", "Please echo 1", OpType.OK, reply("Please echo 1"))
        .invoke(1, "echo", "Please echo 2")
        .info(1, "echo", "Please echo 2", List.of("net-timeout")));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
  }
}
