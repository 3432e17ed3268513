package glomers.harness.workload.linkv;

import glomers.harness.history.OpType;
import glomers.harness.workload.Completion;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Maelstrom's lin-kv op stream, as Jepsen's linearizable-register test builds it from independent
 * keys. Workers form groups of 2n consecutive threads; group g starts on key g. Per key, threads 0..n-1
 * (absolute thread numbers, so only group 0 has any) read, and every other thread writes (1/3) or
 * cases (2/3) with values 0..4. A key ends once more than {@value #PROCESS_LIMIT} distinct processes
 * have been bound to its group's threads while it emitted ops; processes change only after an
 * {@code :info} completion. The group then takes the next unused key (keys only grow).
 */
final class LinKvGenerator implements Generator {
  /** Jepsen's process-limit around each key's generator. */
  static final int PROCESS_LIMIT = 20;

  /** Values written and compared are drawn from 0..VALUES-1. */
  static final int VALUES = 5;

  private final Random random;
  private final int nodeCount;
  private final int groupSize;
  private final int concurrency;
  private final int[] process;
  private final long[] groupKey;
  private final List<Set<Integer>> groupProcesses;
  private long nextKey;

  LinKvGenerator(Random random, int nodeCount, int concurrency) {
    String problem = checkConcurrency(nodeCount, concurrency);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    this.random = random;
    this.nodeCount = nodeCount;
    this.groupSize = 2 * nodeCount;
    this.concurrency = concurrency;
    this.process = new int[concurrency];
    for (int i = 0; i < concurrency; i++) {
      process[i] = i;
    }
    int groups = concurrency / groupSize;
    this.groupKey = new long[groups];
    this.groupProcesses = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      groupKey[g] = g;
      groupProcesses.add(new HashSet<>());
    }
    this.nextKey = groups;
  }

  /**
   * Null if lin-kv can run {@code concurrency} workers on {@code nodeCount} nodes, else why not:
   * the workers must fill whole groups of 2n, and a group of more than {@value #PROCESS_LIMIT}
   * threads would end every key at once, forever.
   */
  static String checkConcurrency(int nodeCount, int concurrency) {
    int group = 2 * nodeCount;
    if (group > PROCESS_LIMIT) {
      return "lin-kv needs at most " + PROCESS_LIMIT / 2 + " nodes (each key's " + 2 * nodeCount
          + " threads would exceed its limit of " + PROCESS_LIMIT + " processes), got " + nodeCount;
    }
    if (concurrency <= 0 || concurrency % group != 0) {
      return "lin-kv needs --concurrency to be a positive multiple of 2n = " + group + " (threads form groups of "
          + group + " per key), got " + concurrency;
    }
    return null;
  }

  @Override
  public synchronized Invocation next(int worker) {
    int group = worker / groupSize;
    Set<Integer> seen = groupProcesses.get(group);
    Set<Integer> now = new HashSet<>(seen);
    for (int t = group * groupSize; t < (group + 1) * groupSize; t++) {
      now.add(process[t]);
    }
    if (now.size() > PROCESS_LIMIT) {
      groupKey[group] = nextKey++;
      now.clear();
      for (int t = group * groupSize; t < (group + 1) * groupSize; t++) {
        now.add(process[t]);
      }
    }
    groupProcesses.set(group, now);
    long key = groupKey[group];
    if (worker < nodeCount) {
      return new Invocation("read", Arrays.asList(key, null));
    }
    int pick = random.nextInt(3);
    if (pick == 0) {
      return new Invocation("write", List.of(key, (long) random.nextInt(VALUES)));
    }
    long from = random.nextInt(VALUES);
    long to = random.nextInt(VALUES);
    return new Invocation("cas", List.of(key, List.of(from, to)));
  }

  @Override
  public synchronized void completed(int worker, Invocation invocation, Completion completion) {
    if (completion.type() == OpType.INFO) {
      process[worker] += concurrency;
    }
  }

  /** The key group {@code g} works on now, for tests. */
  synchronized long key(int group) {
    return groupKey[group];
  }
}
