package glomers.harness.workload;

import glomers.harness.history.OpType;

/** How a client finished an invocation: type OK, FAIL or INFO, the completed value and error. */
public record Completion(OpType type, Object value, Object error) {
  public static Completion ok(Object value) {
    return new Completion(OpType.OK, value, null);
  }

  public static Completion fail(Object value, Object error) {
    return new Completion(OpType.FAIL, value, error);
  }

  public static Completion info(Object value, Object error) {
    return new Completion(OpType.INFO, value, error);
  }
}
