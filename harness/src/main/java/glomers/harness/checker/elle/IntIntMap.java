package glomers.harness.checker.elle;

import java.util.Arrays;

/**
 * BFS parents for a large component: int keys to int values, open addressing with linear probing,
 * so a search over 100,000 vertices boxes nothing (a HashMap of Integers made most of its garbage).
 */
final class IntIntMap {
  private int[] keys = new int[1 << 12];
  private int[] values = new int[1 << 12];
  private int size;

  IntIntMap() {
    Arrays.fill(keys, -1);
  }

  private static int slot(int key, int mask) {
    int h = key * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  /** Maps key (non-negative) to value unless key is present; whether it was absent. */
  boolean putIfAbsent(int key, int value) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] != -1) {
      if (keys[i] == key) {
        return false;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    size++;
    return true;
  }

  int get(int key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); keys[i] != -1; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
    }
    throw new IllegalStateException("no state " + key);
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, -1);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != -1) {
        putIfAbsent(oldKeys[i], oldValues[i]);
      }
    }
  }
}
