package glomers.solutions.kafka;

import glomers.runtime.RawJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one node holds of every key's log. Entries may arrive out of order (a forwarded send's
 * reply before the owner's replication batch, or another node's offsets before ours), so a key's
 * log may have gaps. Polls answer only from the contiguous run from offset 0: a client that has
 * seen offset o must next see o + 1, and a gap would make it skip a message that is still on its
 * way. An owner's own appends are shown only once {@link #durableThrough} says a peer holds them
 * too, so no client sees a message that a kill of the owner could take back.
 */
final class Logs {
  /** At most this many messages per key in one poll reply; a prefix is a valid answer. */
  static final int MAX_POLL = 1000;

  private static final class KeyLog {
    final List<RawJson> slots = new ArrayList<>();   // by offset; null where not held
    int contiguous;                                    // slots [0, contiguous) are all held
    long visible = Long.MAX_VALUE;                     // polls answer below this offset only

    void advance() {
      while (contiguous < slots.size() && slots.get(contiguous) != null) {
        contiguous++;
      }
    }
  }

  /** One message of one key's log. */
  record Entry(String key, long offset, RawJson msg) {}

  private final Map<String, KeyLog> logs = new HashMap<>();

  /** Appends at the end of a key this node assigns offsets for; returns the offset. */
  long append(String key, RawJson msg) {
    KeyLog log = log(key);
    if (log.contiguous != log.slots.size()) {
      throw new IllegalStateException("key " + key + " has offsets beyond a gap; its offsets are"
          + " not assigned here alone");
    }
    log.slots.add(Protocol.orJsonNull(msg));
    log.contiguous++;
    long offset = log.slots.size() - 1L;
    log.visible = Math.min(log.visible, offset);   // shown once a peer holds it too
    return offset;
  }

  /** The key's messages up to {@code offset} are held elsewhere too: polls may show them. */
  void durableThrough(String key, long offset) {
    KeyLog log = log(key);
    log.visible = Math.max(log.visible, offset + 1);
  }

  /**
   * Records a message at an offset assigned somewhere; false if it was already held. Holding
   * another message at that offset would mean two sends got one offset: that must never happen.
   */
  boolean put(String key, long offset, RawJson jsonMsg) {
    RawJson msg = Protocol.orJsonNull(jsonMsg);
    if (offset < 0 || offset > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("offset " + offset + " out of range for key " + key);
    }
    KeyLog log = log(key);
    int at = (int) offset;
    while (log.slots.size() <= at) {
      log.slots.add(null);
    }
    RawJson held = log.slots.get(at);
    if (held != null) {
      if (!held.text().equals(msg.text())) {
        throw new IllegalStateException("key " + key + " offset " + offset + " holds " + held
            + ", now offered " + msg);
      }
      return false;
    }
    log.slots.set(at, msg);
    log.advance();
    return true;
  }

  /** The contiguous visible messages from {@code from} on, as [offset, msg] pairs; empty if none. */
  List<List<RawJson>> read(String key, long from) {
    KeyLog log = logs.get(key);
    if (log == null || from < 0) {
      return List.of();
    }
    long end = Math.min(Math.min(log.contiguous, log.visible), from + MAX_POLL);
    List<List<RawJson>> pairs = new ArrayList<>();
    for (long offset = from; offset < end; offset++) {
      pairs.add(List.of(RawJson.of(offset), log.slots.get((int) offset)));
    }
    return pairs;
  }

  /** A poll's answer: per key with anything from its requested offset on, those messages. */
  Map<String, List<List<RawJson>>> poll(Map<String, Long> offsets) {
    Map<String, List<List<RawJson>>> msgs = new LinkedHashMap<>();
    offsets.forEach((key, from) -> {
      List<List<RawJson>> pairs = from == null ? List.of() : read(key, from);
      if (!pairs.isEmpty()) {
        msgs.put(key, pairs);
      }
    });
    return msgs;
  }

  /** Whether the key's message at {@code offset} is held here. */
  boolean holds(String key, long offset) {
    KeyLog log = logs.get(key);
    return log != null && offset < log.slots.size() && log.slots.get((int) offset) != null;
  }

  /** How many offsets from 0 on this node holds of the key without a gap. */
  long contiguous(String key) {
    KeyLog log = logs.get(key);
    return log == null ? 0 : log.contiguous;
  }

  /** One past the highest offset held of the key, gap or not; 0 if none. */
  long end(String key) {
    KeyLog log = logs.get(key);
    return log == null ? 0 : log.slots.size();
  }

  /** The message at {@code offset}, or null if not held. */
  RawJson get(String key, long offset) {
    KeyLog log = logs.get(key);
    return log == null || offset >= log.slots.size() ? null : log.slots.get((int) offset);
  }

  /** Every entry held, key by key in key order: what a restarted peer gets as a snapshot. */
  List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    new TreeMap<>(logs).forEach((key, log) -> {
      for (int offset = 0; offset < log.slots.size(); offset++) {
        RawJson msg = log.slots.get(offset);
        if (msg != null) {
          out.add(new Entry(key, offset, msg));
        }
      }
    });
    return out;
  }

  private KeyLog log(String key) {
    return logs.computeIfAbsent(key, k -> new KeyLog());
  }
}
