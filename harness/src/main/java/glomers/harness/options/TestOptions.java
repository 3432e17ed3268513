package glomers.harness.options;

import java.nio.file.Path;
import java.util.List;

/**
 * The validated options of one {@code test} run (docs/bench.md#cli-flags).
 *
 * @param nodes server node ids in CLI order
 * @param concurrency number of client worker threads (the {@code Kn} form already multiplied out)
 * @param timeLimitSeconds main phase length
 * @param rate target client ops per second over all workers; 0 means no ops
 * @param latencyMillis mean server-to-server latency
 * @param latencyDist {@code constant}, {@code uniform} or {@code exponential}
 * @param nemesis the faults of {@code --nemesis}, with {@code --kill-targets}
 * @param nemesisIntervalSeconds mean seconds between nemesis ops
 * @param availability null, {@code "total"} or a fraction as a string
 * @param consistencyModels txn workloads' models
 * @param keyCount null for the workload's default
 * @param topology broadcast topology name
 * @param seqKvStaleness how stale seq-kv's answers are ({@code --seq-kv-staleness})
 * @param seed seed of every random choice in the run
 * @param nodeArgs extra arguments handed to the node binary
 */
public record TestOptions(
    String workload,
    Path bin,
    List<String> nodes,
    int concurrency,
    int timeLimitSeconds,
    double rate,
    int latencyMillis,
    String latencyDist,
    Faults nemesis,
    double nemesisIntervalSeconds,
    String availability,
    List<String> consistencyModels,
    Integer keyCount,
    int maxTxnLength,
    int maxWritesPerKey,
    String topology,
    SeqKvStaleness seqKvStaleness,
    boolean logStderr,
    boolean logNetSend,
    boolean logNetRecv,
    int testCount,
    long seed,
    List<String> nodeArgs)
    implements WorkloadOptions {
  /** Active keys for the kafka and txn generators: {@code --key-count}, or Elle's default of 10. */
  @Override
  public int activeKeys() {
    return keyCount == null ? 10 : keyCount;
  }

  /**
   * The same options with another seed: each repetition of a test, and each seed a search tries, gets
   * its own, printed so that run can be replayed. Here, so a new option is added in one file.
   */
  public TestOptions withSeed(long seed) {
    return new TestOptions(
        workload, bin, nodes, concurrency, timeLimitSeconds, rate, latencyMillis, latencyDist, nemesis,
        nemesisIntervalSeconds, availability, consistencyModels, keyCount, maxTxnLength, maxWritesPerKey, topology,
        seqKvStaleness, logStderr, logNetSend, logNetRecv, testCount, seed, nodeArgs);
  }

  /** Whether {@code --nemesis} includes {@code partition}. */
  public boolean partition() {
    return nemesis.partition();
  }
}
