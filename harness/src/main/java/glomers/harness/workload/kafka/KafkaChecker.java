package glomers.harness.workload.kafka;

import glomers.harness.checker.Checker;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Jepsen's kafka checker as Maelstrom configures it: single-op transactions, assign only, no
 * write-write inference, cycles judged as strict-serializable.
 *
 * <p>Cost is linear in the history plus a sort of each key's offsets: {@link KafkaIndex} pairs ops
 * and builds per key the offset log and per message its writer, readers and offsets, and numbers
 * the logs densely; then the analyses walk its compact per-op events, not the history: {@link
 * OrderAnalysis} (one order per log, seen in order), {@link RealtimeAnalysis} (aborted reads,
 * realtime cycles, lag) and {@link LossAnalysis} (lost and unseen msgs). {@link KafkaResult} holds
 * what they found and explains it.
 */
public final class KafkaChecker implements Checker {
  /** Error types that do not fail the run. */
  static final Set<String> ALLOWED =
      Set.of("int-send-skip", "G0", "G0-process", "G0-realtime", "PL-1-cycle-exists", "strong-PL-1-cycle-exists");

  /** What the analyses found: each error type's cases, in the order found. */
  static final class Findings {
    final Map<String, List<KafkaAnomaly>> byType = new TreeMap<>();

    void add(String type, KafkaAnomaly anomaly) {
      byType.computeIfAbsent(type, t -> new ArrayList<>()).add(anomaly);
    }
  }

  @Override
  public KafkaResult check(List<Op> history) {
    KafkaIndex index = KafkaIndex.of(history);
    Findings findings = new Findings();
    RealtimeAnalysis.Outcome realtime = RealtimeAnalysis.run(index, findings);
    OrderAnalysis.run(index, findings);
    LossAnalysis.lostWrites(index, findings);
    return new KafkaResult(findings.byType, !realtime.wrEdge() && !index.realtimeEdge, LossAnalysis.unseen(index),
        realtime.worstLag(), new ArrayList<>(index.infoCauses));
  }

  /** The reported types that fail the run. */
  static List<String> badTypes(List<String> types) {
    return types.stream().filter(t -> !ALLOWED.contains(t)).sorted().toList();
  }
}
