package glomers.harness.workload.kafka;

import glomers.harness.history.OpType;
import glomers.harness.workload.Completion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the main phase's ok sends and polls have shown so far, per key: the highest offset any of
 * them produced (the final phase's targets) and the highest offset polled (so assigns can add keys
 * with acknowledged sends that nobody has polled yet). Thread-safe.
 */
final class Progress {
  private final Map<String, Long> highest = new LinkedHashMap<>();
  private final Map<String, Long> sent = new HashMap<>();
  private final Map<String, Long> polled = new HashMap<>();

  synchronized void observe(Completion completion) {
    if (completion.type() != OpType.OK
        || !(completion.value() instanceof List<?> mops)
        || mops.isEmpty()
        || !(mops.get(0) instanceof List<?> mop)) {
      return; // Not a send or poll (an assign's value is its keys).
    }
    if ("send".equals(mop.get(0))) {
      String key = (String) mop.get(1);
      long offset = (Long) ((List<?>) mop.get(2)).get(0);
      highest.merge(key, offset, Math::max);
      sent.merge(key, offset, Math::max);
    } else if ("poll".equals(mop.get(0))) {
      ((Map<?, ?>) mop.get(1))
          .forEach(
              (key, pairs) -> {
                for (Object pair : (List<?>) pairs) {
                  long offset = (Long) ((List<?>) pair).get(0);
                  highest.merge((String) key, offset, Math::max);
                  polled.merge((String) key, offset, Math::max);
                }
              });
    }
  }

  /** Key -> highest offset of any ok send or poll so far, in first-seen order. */
  synchronized Map<String, Long> targets() {
    return new LinkedHashMap<>(highest);
  }

  /** Keys with an acknowledged offset beyond anything polled. */
  synchronized List<String> unpolled() {
    List<String> keys = new ArrayList<>();
    sent.forEach(
        (key, offset) -> {
          if (offset > polled.getOrDefault(key, -1L)) {
            keys.add(key);
          }
        });
    keys.sort(null);
    return keys;
  }
}
