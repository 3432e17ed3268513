package glomers.harness.workload;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One worker's final phase. Most workloads perform a fixed list of ops; kafka keeps polling until
 * its own polls have caught up, so the phase sees every completion and decides the next step.
 */
public interface FinalPhase {
  /** Wait {@code delayNanos}, then perform {@code invocation}. */
  record Step(long delayNanos, Invocation invocation) {}

  /** The next step at time {@code nowNanos} (System.nanoTime), or null when the phase is over. */
  Step next(long nowNanos);

  /** How the last step's op ended. */
  default void completed(Invocation invocation, Completion completion) {}

  /** A phase that performs {@code ops} in order, back to back. */
  static FinalPhase of(List<Invocation> ops) {
    Deque<Invocation> left = new ArrayDeque<>(ops);
    return now -> left.isEmpty() ? null : new Step(0, left.poll());
  }
}
