package glomers.harness.checker;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.List;

/** Writes test histories: indexes count up, times are given in milliseconds or advance by 1 ms. */
public final class HistoryBuilder {
  private final List<Op> ops = new ArrayList<>();
  private long timeNanos;

  /** Sets the time of the next op, in milliseconds since the start. */
  public HistoryBuilder at(long millis) {
    timeNanos = millis * 1_000_000L;
    return this;
  }

  public HistoryBuilder atNanos(long nanos) {
    timeNanos = nanos;
    return this;
  }

  public HistoryBuilder invoke(int process, String f, Object value) {
    return add(OpType.INVOKE, process, f, value, null, false);
  }

  public HistoryBuilder ok(int process, String f, Object value) {
    return add(OpType.OK, process, f, value, null, false);
  }

  public HistoryBuilder fail(int process, String f, Object value, Object error) {
    return add(OpType.FAIL, process, f, value, error, false);
  }

  public HistoryBuilder info(int process, String f, Object value, Object error) {
    return add(OpType.INFO, process, f, value, error, false);
  }

  /** An invocation completed right away with the given type and value. */
  public HistoryBuilder op(int process, String f, Object invokeValue, OpType type, Object completedValue) {
    invoke(process, f, invokeValue);
    return add(type, process, f, completedValue, type == OpType.OK ? null : List.of("net-timeout"), false);
  }

  public HistoryBuilder add(OpType type, int process, String f, Object value, Object error, boolean finalPhase) {
    ops.add(new Op(ops.size(), timeNanos, type, process, f, value, error, finalPhase));
    timeNanos += 1_000_000L;
    return this;
  }

  public List<Op> build() {
    return List.copyOf(ops);
  }
}
