package glomers.harness.workload.kafka;

import java.util.Arrays;

/**
 * Offset -> value, open addressing on primitive longs: the checker stores one entry per known
 * offset of every key, and boxed HashMap entries made garbage collection the bulk of its cost.
 */
final class OffsetLog<V> {
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys = new long[8];
  private Object[] values = new Object[8];
  private int size;

  OffsetLog() {
    Arrays.fill(keys, EMPTY);
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V get(long offset) {
    int mask = keys.length - 1;
    for (int i = slot(offset, mask); ; i = (i + 1) & mask) {
      if (keys[i] == offset) {
        return (V) values[i];
      }
      if (keys[i] == EMPTY) {
        return null;
      }
    }
  }

  /** Adds an offset not yet present; offsets are never Long.MIN_VALUE (negatives are not stored). */
  void put(long offset, V value) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    insert(offset, value);
    size++;
  }

  /** Every offset held, ascending. */
  long[] sortedOffsets() {
    long[] out = new long[size];
    int n = 0;
    for (long key : keys) {
      if (key != EMPTY) {
        out[n++] = key;
      }
    }
    Arrays.sort(out);
    return out;
  }

  private void insert(long offset, Object value) {
    int mask = keys.length - 1;
    int i = slot(offset, mask);
    while (keys[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    keys[i] = offset;
    values[i] = value;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        insert(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int slot(long offset, int mask) {
    long h = offset * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
