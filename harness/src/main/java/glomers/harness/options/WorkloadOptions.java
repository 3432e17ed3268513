package glomers.harness.options;

import java.util.List;

/**
 * The part of a test's options a workload reads: its generator, client, setup and checker see this
 * view, not the whole command line ({@link TestOptions}), so a new bench flag does not reach them.
 */
public interface WorkloadOptions {
  /** Server node ids in CLI order. */
  List<String> nodes();

  /** Number of client workers. */
  int concurrency();

  /** Mean server-to-server latency, which lin-kv's client scales its timeout by. */
  int latencyMillis();

  /** Broadcast topology name, or null for the default. */
  String topology();

  /** Keys the kafka and txn generators keep active at once. */
  int activeKeys();

  /** Longest txn the txn generators make. */
  int maxTxnLength();

  /** Writes per key before the kafka and txn generators retire it. */
  int maxWritesPerKey();

  /** The txn workloads' consistency models. */
  List<String> consistencyModels();
}
