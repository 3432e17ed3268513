package glomers.harness.checker.elle;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/** An insertion-ordered map for a txn's handful of keys: linear scans beat hashing at this size. */
final class Small {
  private Object[] keys = new Object[4];
  private Object[] values = new Object[4];
  private int size;

  int size() {
    return size;
  }

  Object key(int i) {
    return keys[i];
  }

  Object value(int i) {
    return values[i];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < size; i++) {
      if (Objects.equals(keys[i], key)) {
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
    return i < 0 ? null : values[i];
  }

  void put(Object key, Object value) {
    int i = indexOf(key);
    if (i >= 0) {
      values[i] = value;
      return;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size++] = value;
  }

  void forEach(BiConsumer<Object, Object> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }
}
