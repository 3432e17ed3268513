package glomers.harness.checker.elle;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An insertion-ordered map for a txn's handful of keys, keys and values interleaved in one array:
 * linear scans beat hashing at this size, and 100,000 txns make few objects for the collector.
 */
final class Small {
  private static final Object[] EMPTY = new Object[0];
  private Object[] slots = EMPTY;
  private int size;

  int size() {
    return size;
  }

  Object key(int i) {
    return slots[2 * i];
  }

  Object value(int i) {
    return slots[2 * i + 1];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < size; i++) {
      if (Objects.equals(slots[2 * i], key)) {
        return i;
      }
    }
    return -1;
  }

  boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : slots[2 * i + 1];
  }

  void put(Object key, Object value) {
    int i = indexOf(key);
    if (i >= 0) {
      slots[2 * i + 1] = value;
      return;
    }
    if (2 * size == slots.length) {
      slots = Arrays.copyOf(slots, Math.max(4, slots.length * 2));
    }
    slots[2 * size] = key;
    slots[2 * size++ + 1] = value;
  }

  void forEach(BiConsumer<Object, Object> action) {
    for (int i = 0; i < size; i++) {
      action.accept(slots[2 * i], slots[2 * i + 1]);
    }
  }
}
