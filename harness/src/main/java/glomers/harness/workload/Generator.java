package glomers.harness.workload;

/** The main phase's endless op stream, shared by every worker; implementations are thread-safe. */
public interface Generator {
  /** The next op for {@code worker} (0-based thread index; it talks to nodes[worker mod n]). */
  Invocation next(int worker);
}
