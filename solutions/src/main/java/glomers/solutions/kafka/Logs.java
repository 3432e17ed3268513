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
 * reply before the owner's replication batch, or another node's offsets before ours), so each key
 * keeps the contiguous run from offset 0 and, apart, whatever lies beyond its first gap. Polls
 * answer only from the contiguous run: a client that has seen offset o must next see o + 1, and a
 * gap would make it skip a message that is still on its way.
 */
final class Logs {
  /** At most this many messages per key in one poll reply; a prefix is a valid answer. */
  static final int MAX_POLL = 1000;

  private static final class KeyLog {
    final List<RawJson> contiguous = new ArrayList<>();
    final TreeMap<Long, RawJson> ahead = new TreeMap<>();
  }

  /** One message of one key's log. */
  record Entry(String key, long offset, RawJson msg) {}

  private final Map<String, KeyLog> logs = new HashMap<>();

  /** Appends at the end of a key this node assigns offsets for; returns the offset. */
  long append(String key, RawJson msg) {
    KeyLog log = log(key);
    if (!log.ahead.isEmpty()) {
      throw new IllegalStateException("key " + key + " has offsets beyond a gap; its offsets are"
          + " not assigned here alone");
    }
    log.contiguous.add(msg);
    return log.contiguous.size() - 1L;
  }

  /**
   * Records a message at an offset assigned somewhere; false if it was already held. Holding
   * another message at that offset would mean two sends got one offset: that must never happen.
   */
  boolean put(String key, long offset, RawJson jsonMsg) {
    RawJson msg = Protocol.orJsonNull(jsonMsg);
    KeyLog log = log(key);
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset + " for key " + key);
    }
    RawJson held = offset < log.contiguous.size()
        ? log.contiguous.get((int) offset)
        : log.ahead.get(offset);
    if (held != null) {
      if (!held.text().equals(msg.text())) {
        throw new IllegalStateException("key " + key + " offset " + offset + " holds " + held
            + ", now offered " + msg);
      }
      return false;
    }
    if (offset > log.contiguous.size()) {
      log.ahead.put(offset, msg);
      return true;
    }
    log.contiguous.add(msg);
    while (!log.ahead.isEmpty() && log.ahead.firstKey() == log.contiguous.size()) {
      log.contiguous.add(log.ahead.pollFirstEntry().getValue());
    }
    return true;
  }

  /** The contiguous messages from {@code from} on, as [offset, msg] pairs; empty if none. */
  List<List<RawJson>> read(String key, long from) {
    KeyLog log = logs.get(key);
    if (log == null || from < 0 || from >= log.contiguous.size()) {
      return List.of();
    }
    int end = (int) Math.min(log.contiguous.size(), from + MAX_POLL);
    List<List<RawJson>> pairs = new ArrayList<>(end - (int) from);
    for (int offset = (int) from; offset < end; offset++) {
      pairs.add(List.of(RawJson.of(offset), log.contiguous.get(offset)));
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

  /** The held entry with the highest offset, gap or not; null if the key has none. */
  Entry last(String key) {
    KeyLog log = logs.get(key);
    if (log == null) {
      return null;
    }
    if (!log.ahead.isEmpty()) {
      Map.Entry<Long, RawJson> e = log.ahead.lastEntry();
      return new Entry(key, e.getKey(), e.getValue());
    }
    if (log.contiguous.isEmpty()) {
      return null;
    }
    int offset = log.contiguous.size() - 1;
    return new Entry(key, offset, log.contiguous.get(offset));
  }

  private KeyLog log(String key) {
    return logs.computeIfAbsent(key, k -> new KeyLog());
  }
}
