package glomers.harness.workload.gcounter;

import glomers.harness.checker.Checker;
import glomers.harness.checker.History;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maelstrom's counter checker: after the final quiet period every final read must equal the sum of
 * the acknowledged adds plus the deltas of any subset of the indeterminate ones. Reads during the
 * main phase may legitimately be stale and are ignored.
 */
public final class CounterChecker implements Checker {
  /**
   * The final reads outside the acceptable values ({@code errors}, completions), every final read,
   * and the acceptable values as closed ranges [lo, hi].
   */
  public record Outcome(List<Op> errors, List<Long> finalReads, List<List<Long>> acceptable) implements Result {
    @Override
    public Validity valid() {
      return Validity.of(errors.isEmpty());
    }

    @Override
    public Map<String, Object> json() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("errors", errors.stream().map(History::toJson).toList());
      details.put("final-reads", finalReads);
      details.put("acceptable", acceptable);
      return Result.entry(valid(), details);
    }
  }

  @Override
  public Outcome check(List<Op> history) {
    long definite = 0;
    List<Long> possible = new ArrayList<>();
    for (Op op : history) {
      if (!op.isClient() || !"add".equals(op.f())) {
        continue;
      }
      if (op.type() == OpType.OK) {
        definite += delta(op);
      } else if (op.type() == OpType.INFO) {
        possible.add(delta(op));
      }
    }
    Acceptable acceptable = Acceptable.exactly(definite);
    possible.forEach(acceptable::maybeAdd);

    List<Long> finalReads = new ArrayList<>();
    List<Op> errors = new ArrayList<>();
    for (Op op : history) {
      if (!op.isClient() || !op.finalPhase() || op.type() != OpType.OK) {
        continue;
      }
      Object value = JsonValues.canonical(op.value());
      if (!(value instanceof Long read)) {
        throw new IllegalArgumentException("Final read returned a non-integer value: " + op.value());
      }
      finalReads.add(read);
      if (!acceptable.contains(read)) {
        errors.add(op);
      }
    }
    return new Outcome(errors, finalReads, acceptable.asList());
  }

  private static long delta(Op add) {
    if (!(JsonValues.canonical(add.value()) instanceof Long delta)) {
      throw new IllegalArgumentException("An add carries a non-integer delta: " + add);
    }
    return delta;
  }
}
