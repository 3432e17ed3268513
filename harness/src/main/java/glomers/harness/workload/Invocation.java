package glomers.harness.workload;

/** An operation a generator asks a worker to perform: Jepsen's {@code :f} and {@code :value}. */
public record Invocation(String f, Object value, boolean finalPhase) {
  public Invocation(String f, Object value) {
    this(f, value, false);
  }
}
