package glomers.harness.workload.txn;

import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Elle's write/read transaction stream: 1..maxLength micro-ops, each a read or a write with even
 * odds, on one of {@code keyCount} active keys where slot i is twice as likely as slot i-1. Writes
 * count 1, 2, 3... per key, so values are unique per key; a key that has had {@code maxWritesPerKey}
 * writes is replaced by a fresh one (one more than the largest active key). For txn-list-append
 * the writes are named {@code append} (Elle's append-txns renames them), nothing else changes.
 */
public final class WrTxnGenerator implements Generator {
  private static final double BASE = 2;

  private final Random random;
  private final int maxLength;
  private final int maxWritesPerKey;
  private final long[] active;
  private final double scale;
  private final Map<Long, Long> nextValue = new HashMap<>();
  private final String write;

  public WrTxnGenerator(Random random, int keyCount, int maxLength, int maxWritesPerKey) {
    this(random, keyCount, maxLength, maxWritesPerKey, "w");
  }

  /** As above, with writes named {@code write} ("w" for registers, "append" for lists). */
  public WrTxnGenerator(Random random, int keyCount, int maxLength, int maxWritesPerKey, String write) {
    this.write = write;
    this.random = random;
    this.maxLength = maxLength;
    this.maxWritesPerKey = maxWritesPerKey;
    this.active = new long[keyCount];
    for (int i = 0; i < keyCount; i++) {
      active[i] = i;
    }
    this.scale = (Math.pow(BASE, keyCount) - 1) * BASE / (BASE - 1);
  }

  @Override
  public synchronized Invocation next(int worker) {
    return new Invocation("txn", txn());
  }

  /** One transaction as JSON-ready micro-ops {@code ["r", k, null]} / {@code [write, k, v]}. */
  public synchronized List<Object> txn() {
    int length = 1 + random.nextInt(maxLength);
    List<Object> txn = new ArrayList<>(length);
    while (txn.size() < length) {
      boolean isWrite = random.nextBoolean();
      int slot = slot();
      long key = active[slot];
      if (!isWrite) {
        txn.add(Arrays.asList("r", key, null));
        continue;
      }
      long value = nextValue.getOrDefault(key, 1L);
      if (value > maxWritesPerKey) {
        long fresh = Arrays.stream(active).max().orElse(-1) + 1;
        active[slot] = fresh;
        nextValue.remove(key);
        continue;
      }
      nextValue.put(key, value + 1);
      txn.add(Arrays.asList(write, key, value));
    }
    return txn;
  }

  private int slot() {
    int i = (int) Math.floor(Math.log(random.nextDouble() * scale + BASE) / Math.log(BASE) - 1);
    return Math.max(0, Math.min(active.length - 1, i));
  }
}
