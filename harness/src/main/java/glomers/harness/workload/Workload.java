package glomers.harness.workload;

import glomers.harness.checker.Checker;
import glomers.harness.net.Connection;
import glomers.harness.options.WorkloadOptions;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One Maelstrom workload: its setup, generator, client, final phase and checker. Its {@code -w}
 * name is the key {@link Workloads} holds it under; the options carry it too.
 */
public interface Workload {
  /**
   * Whether a worker keeps its connection after an {@code :info} op (unique-ids, lin-kv, txn); by
   * default its next process opens a fresh one, as Maelstrom's does.
   */
  default boolean reusableClient() {
    return false;
  }

  /** Per node, before the main phase, on that node's setup connection (broadcast: topology). */
  default void setup(Connection connection, WorkloadOptions options) throws Exception {}

  /**
   * Null if this workload can run with {@code options}, else the usage error (exit 254) that stops
   * the run before any node starts; lin-kv needs whole groups of 2n workers.
   */
  default String usageProblem(WorkloadOptions options) {
    return null;
  }

  /** The main phase's op stream. */
  Generator generator(WorkloadOptions options, Random random);

  /**
   * The op stream of a run whose time is {@code clock} (nanoseconds: {@link System#nanoTime()}, or a
   * simulation's virtual time), for generators that keep their own time, like kafka's crashes.
   */
  default Generator generator(WorkloadOptions options, Random random, LongSupplier clock) {
    return generator(options, random);
  }

  /**
   * Whether the run heals, waits 10 s and performs {@link #finalPhase}; by default the run ends
   * with the main phase (echo, unique-ids, lin-kv, txn).
   */
  default boolean hasFinalPhase() {
    return false;
  }

  /** The final-phase ops of one worker, performed in order after the recovery wait. */
  default List<Invocation> finalOps(int worker, WorkloadOptions options) {
    return List.of();
  }

  /**
   * One worker's final phase after the recovery wait; by default {@link #finalOps} back to back.
   * {@code random} is this worker's own, derived from the run's seed.
   */
  default FinalPhase finalPhase(int worker, WorkloadOptions options, Random random) {
    return FinalPhase.of(finalOps(worker, options));
  }

  /** A client for one connection. */
  Client client(Connection connection, WorkloadOptions options);

  /** The workload's checker (the {@code :workload} key of the results). */
  Checker checker(WorkloadOptions options);

  /** f values that stats does not require an ok for (kafka: crash, debug-topic-partitions). */
  default Set<String> statsExempt() {
    return Set.of();
  }
}
