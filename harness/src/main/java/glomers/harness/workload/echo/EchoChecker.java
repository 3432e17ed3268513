package glomers.harness.workload.echo;

import glomers.harness.checker.Checker;
import glomers.harness.checker.History;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every echo that completed {@code :ok} or {@code :fail} must carry back the sent value. A {@code
 * :fail} keeps the invocation's value, which has no echo, so it always counts as an error, as in
 * Maelstrom; {@code :info} completions (timeouts, malformed replies) prove nothing and are skipped.
 */
public final class EchoChecker implements Checker {
  /** An echo whose reply did not carry back what was sent: the sent value and the whole reply body. */
  public record Mismatch(Object sent, Object reply) {}

  /** The mismatched echoes, in invocation order; valid when there are none. */
  public record Mismatches(List<Mismatch> errors) implements Result {
    @Override
    public Validity valid() {
      return Validity.of(errors.isEmpty());
    }

    @Override
    public Map<String, Object> json() {
      List<Object> json = new ArrayList<>();
      for (Mismatch m : errors) {
        json.add(Arrays.asList("Expected a message with :echo", m.sent(), "But received", m.reply()));
      }
      return Result.entry(valid(), Map.of("errors", json));
    }
  }

  @Override
  public Mismatches check(List<Op> history) {
    List<Mismatch> errors = new ArrayList<>();
    for (History.Pair pair : History.pairs(history)) {
      Op invoke = pair.invoke();
      Op done = pair.completion();
      if (!invoke.isClient() || !"echo".equals(invoke.f()) || done == null) {
        continue;
      }
      if (done.type() != OpType.OK && done.type() != OpType.FAIL) {
        continue;
      }
      Object echoed = done.value() instanceof Map<?, ?> body ? body.get("echo") : null;
      if (!Objects.equals(JsonValues.canonical(invoke.value()), JsonValues.canonical(echoed))) {
        errors.add(new Mismatch(invoke.value(), done.value()));
      }
    }
    return new Mismatches(errors);
  }
}
