package glomers.harness.workload.kafka;

import glomers.harness.workload.kafka.KafkaIndex.Key;
import glomers.harness.workload.kafka.KafkaIndex.Msg;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Acknowledged msgs that no poll returned: {@code lost-write} when polls read their key past them
 * (so they should have been returned), {@code unseen} for all of them, which the final polls should
 * have read.
 */
final class LossAnalysis {
  private static final int UNSEEN_SHOWN = 32;

  private LossAnalysis() {}

  /** Committed msgs at or below the highest first index any ok poll read, that no ok poll read. */
  static void lostWrites(KafkaIndex index, KafkaChecker.Findings findings) {
    for (Key key : index.sortedKeys()) {
      int bound = -1;
      Msg boundMsg = null;
      for (Msg msg : key.msgs.values()) {
        if (msg.firstReader != null && msg.firstIndex > bound) {
          bound = msg.firstIndex;
          boundMsg = msg;
        }
      }
      if (bound < 0) {
        continue;
      }
      List<Msg> lost = new ArrayList<>();
      for (Msg msg : key.msgs.values()) {
        // Only ok sends count: an :info send counts only if its msg was read, and this one was not.
        // A msg in the log but unread came from an ok send's offset, so it always has a writer.
        if (msg.firstReader == null && msg.lastIndex >= 0 && msg.lastIndex <= bound && msg.okSent) {
          lost.add(msg);
        }
      }
      lost.sort(Comparator.comparingInt(m -> m.firstIndex));
      for (Msg msg : lost) {
        findings.add("lost-write",
            new KafkaAnomaly.LostWrite(key.name, msg.value, msg.firstIndex, bound, msg.writer, boundMsg.firstReader));
      }
    }
  }

  /** Per key, the ok sends' msgs no ok poll returned; null if there are none. */
  static KafkaAnomaly.Unseen unseen(KafkaIndex index) {
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, List<Object>> messages = new TreeMap<>();
    for (Key key : index.keys.values()) {
      List<Object> values = new ArrayList<>();
      for (Msg msg : key.msgs.values()) {
        if (msg.okSent && msg.firstReader == null) {
          values.add(msg.value);
        }
      }
      if (!values.isEmpty()) {
        counts.put(key.name, values.size());
        List<Object> shown = KafkaAnomaly.sorted(values);
        messages.put(key.name, shown.subList(0, Math.min(UNSEEN_SHOWN, shown.size())));
      }
    }
    return counts.isEmpty() ? null : new KafkaAnomaly.Unseen(index.lastOkTime, counts, messages);
  }
}
