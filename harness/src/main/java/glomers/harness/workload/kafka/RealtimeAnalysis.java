package glomers.harness.workload.kafka;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.workload.kafka.KafkaAnomaly.OpRef;
import glomers.harness.workload.kafka.KafkaIndex.Assign;
import glomers.harness.workload.kafka.KafkaIndex.Key;
import glomers.harness.workload.kafka.KafkaIndex.Msg;
import glomers.harness.workload.kafka.KafkaIndex.Poll;
import glomers.harness.workload.kafka.KafkaIndex.Send;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dependency graph of single-op transactions, as Jepsen's kafka checker builds it under
 * Maelstrom (assign only, no write-write inference, cycles judged as strict-serializable), and how
 * far behind real time each process's polls ran.
 *
 * <p>A poll's msg whose send failed is an aborted read ({@code G1a}): failed ops are not in the
 * graph. Every other msg a poll returned is a wr edge from its send to the poll.
 *
 * <p>Realtime cycles: wr edges run only from a send to a poll that returned its message, and
 * realtime edges from an ok op to every op invoked after it completed. Realtime order alone is
 * acyclic, and a poll has no outgoing wr edge, so every cycle is S1 -wr-> P1 -rt-> S2 -wr-> P2 ...
 * -rt-> S1 (a run of rt edges shortens to one, as the order is transitive). If no single pair has
 * P completing before S is invoked, then P_i completes at or after S_i's invocation, while P_i
 * completes before S_(i+1) is invoked, so invocation times strictly rise around the cycle, which is
 * impossible. So a cycle exists exactly when some poll completed before the invocation of a send of
 * a message it returned, and every such pair is itself a two-op cycle, found in one pass
 * ({@link #cycle}).
 *
 * <p>Lag: for each poll, per key the process is assigned, how long before the poll's invocation
 * the first offset past the last one the process had read was known to exist.
 */
final class RealtimeAnalysis {
  /** The worst lag: when the poll was invoked and how far behind it ran, in seconds. */
  record Lag(double time, int process, String key, double lag) {
    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("time", time);
      json.put("process", process);
      json.put("key", key);
      json.put("lag", lag);
      return json;
    }
  }

  /** Whether some poll read another op's send, and the worst lag (null if no poll lagged at all). */
  record Outcome(boolean wrEdge, Lag worstLag) {}

  private RealtimeAnalysis() {}

  static Outcome run(KafkaIndex index, KafkaChecker.Findings findings) {
    // Per process, the keys it is assigned (in assign order: a tie of lags keeps the first, so not
    // Key's identity hash) and the highest offset it has read of each, -1 for none.
    Map<Integer, Map<Key, Long>> lagOffsets = new HashMap<>();
    boolean wrEdge = false;
    long worst = -1;
    Lag worstLag = null;
    for (KafkaIndex.Event event : index.events) {
      Op op = event.op();
      Map<Key, Long> offsets = lagOffsets.computeIfAbsent(op.process(), p -> new LinkedHashMap<>());
      switch (event) {
        case Assign assign -> {
          if (op.type() == OpType.OK) {
            Map<Key, Long> lag = new LinkedHashMap<>();
            for (String name : assign.keys()) {
              Key key = index.keyNamed(name);
              lag.put(key, offsets.getOrDefault(key, -1L));
            }
            lagOffsets.put(op.process(), lag);
          }
        }
        case Send send -> {}
        case Poll poll -> {
          wrEdge |= poll(poll, offsets, findings);
          long invoked = poll.invoke().time();
          for (Map.Entry<Key, Long> at : offsets.entrySet()) {
            long knownAt = at.getKey().knownAt(at.getValue() + 1);
            long lag = knownAt == Long.MAX_VALUE ? 0 : Math.max(0, invoked - knownAt);
            if (lag > worst) {
              worst = lag;
              worstLag = new Lag(invoked / 1e9, op.process(), at.getKey().name, lag / 1e9);
            }
          }
        }
      }
    }
    return new Outcome(wrEdge, worstLag);
  }

  /** One ok poll: its aborted reads and cycles, and the offsets it read; true if it read some send (a wr edge). */
  private static boolean poll(Poll poll, Map<Key, Long> offsets, KafkaChecker.Findings findings) {
    Op op = poll.op();
    boolean wrEdge = false;
    for (int k = 0; k < poll.keys().length; k++) {
      Key key = poll.keys()[k];
      for (Msg msg : poll.msgs()[k]) {
        if (msg.writer == null) {
          throw new IllegalStateException(
              "op " + op.index() + " (process " + op.process() + ") polled msg " + msg.value + " of key " + key.name
                  + ", which no send carried");
        }
        if (msg.failSent) {
          findings.add("G1a", new KafkaAnomaly.AbortedRead(key.name, msg.value, msg.failWriter, OpRef.of(poll)));
        }
        // Failed ops are not in the dependency graph; reading one is G1a.
        if (msg.writer.type() != OpType.FAIL) {
          wrEdge = true;
          if (msg.writerInvoke.index() > op.index()) {
            cycle(msg, poll, findings);
          }
        }
      }
      long top = poll.tops()[k];
      if (top >= 0) {
        offsets.merge(key, top, Math::max);
      } else {
        offsets.putIfAbsent(key, -1L);
      }
    }
    return wrEdge;
  }

  /** A poll that completed before the send of a msg it returned was invoked: a two-op cycle. */
  private static void cycle(Msg msg, Poll poll, KafkaChecker.Findings findings) {
    KafkaAnomaly cycle = new KafkaAnomaly.RealtimeCycle(msg.key.name, msg.value, new OpRef(msg.writer, msg.writerInvoke),
        OpRef.of(poll));
    findings.add("G1c-realtime", cycle);
    findings.add("strong-PL-2-cycle-exists", cycle);
  }
}
