package glomers.harness.workload;

/** The main phase's endless op stream, shared by every worker; implementations are thread-safe. */
public interface Generator {
  /** The next op for {@code worker} (0-based thread index; it talks to nodes[worker mod n]). */
  Invocation next(int worker);

  /** How an op this generator produced ended (kafka tracks offsets); called on the worker's thread. */
  default void completed(int worker, Invocation invocation, Completion completion) {}
}
