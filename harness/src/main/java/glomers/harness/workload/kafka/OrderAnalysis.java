package glomers.harness.workload.kafka;

import glomers.harness.history.Op;
import glomers.harness.workload.kafka.KafkaAnomaly.OpRef;
import glomers.harness.workload.kafka.KafkaIndex.Assign;
import glomers.harness.workload.kafka.KafkaIndex.Key;
import glomers.harness.workload.kafka.KafkaIndex.Msg;
import glomers.harness.workload.kafka.KafkaIndex.Poll;
import glomers.harness.workload.kafka.KafkaIndex.Send;
import glomers.harness.workload.kafka.KafkaIndex.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether each key's log has one order and every process saw it in that order: offsets holding
 * several msgs ({@code inconsistent-offsets}), msgs at several offsets ({@code duplicate}), a
 * process's sends to a key landing out of order ({@code nonmonotonic-send}), and polls that skip
 * msgs or go back, between two polls of a process ({@code poll-skip}, {@code nonmonotonic-poll})
 * or inside one ({@code int-} of each). An assign that drops a key forgets where the process was in it.
 */
final class OrderAnalysis {
  private OrderAnalysis() {}

  /** The last ok poll of a key by a process, and the last msg it returned for the key (null if none). */
  private record LastRead(Poll poll, Msg msg) {}

  private static final class Process {
    final Map<Key, LastRead> lastReads = new HashMap<>();
    final Map<Key, Send> lastSends = new HashMap<>();
  }

  static void run(KafkaIndex index, KafkaChecker.Findings findings) {
    offsets(index, findings);
    Map<Integer, Process> processes = new HashMap<>();
    for (KafkaIndex.Event event : index.events) {
      Process process = processes.computeIfAbsent(event.op().process(), p -> new Process());
      switch (event) {
        case Assign assign -> {
          process.lastReads.keySet().removeIf(k -> !assign.keys().contains(k.name));
          process.lastSends.keySet().removeIf(k -> !assign.keys().contains(k.name));
        }
        case Send send -> {
          Send last = process.lastSends.put(send.key(), send);
          if (last != null && last.msg().index >= 0 && send.msg().index >= 0 && send.msg().index - last.msg().index < 1) {
            findings.add("nonmonotonic-send", new KafkaAnomaly.NonmonotonicSend(send.key().name, last.msg().value,
                send.msg().value, send.msg().index - last.msg().index, OpRef.of(last), OpRef.of(send)));
          }
        }
        case Poll poll -> poll(process, poll, findings);
      }
    }
  }

  /** Per key in key order: the offsets that hold several msgs, then the msgs at several offsets. */
  private static void offsets(KafkaIndex index, KafkaChecker.Findings findings) {
    for (Key key : index.sortedKeys()) {
      for (int i = 0; i < key.offsets.length; i++) {
        Slot slot = key.log.get(key.offsets[i]);
        if (slot.others != null) {
          List<Object> shown = new ArrayList<>();
          shown.add(slot.first.value);
          slot.others.forEach(m -> shown.add(m.value));
          List<Op> ops = new ArrayList<>();
          ops.add(slot.firstOp);
          ops.addAll(slot.otherOps);
          findings.add("inconsistent-offsets", new KafkaAnomaly.InconsistentOffsets(key.name, key.offsets[i], i, shown, ops));
        }
      }
      for (Msg msg : key.msgs.values()) {
        if (msg.more != null) {
          long[] at = msg.offsets();
          Arrays.sort(at);
          List<Op> ops = new ArrayList<>();
          for (long offset : at) {
            ops.add(key.log.get(offset).opOf(msg));
          }
          findings.add("duplicate", new KafkaAnomaly.Duplicate(key.name, msg.value, at, ops));
        }
      }
    }
  }

  /** One ok poll of one process: each key's msgs against each other and against the process's last poll of the key. */
  private static void poll(Process process, Poll poll, KafkaChecker.Findings findings) {
    for (int k = 0; k < poll.keys().length; k++) {
      Key key = poll.keys()[k];
      Msg[] msgs = poll.msgs()[k];
      int previous = -1;
      Msg previousMsg = null;
      for (Msg msg : msgs) {
        if (previous >= 0 && msg.index >= 0) {
          gap("int-", key, previousMsg, msg, previous, msg.index, null, poll, findings);
        }
        previous = msg.index;
        previousMsg = msg;
      }
      LastRead last = process.lastReads.put(key, new LastRead(poll, msgs.length == 0 ? null : msgs[msgs.length - 1]));
      if (last != null) {
        Msg before = last.msg();
        Msg after = msgs.length == 0 ? null : msgs[0];
        if (before != null && after != null && before.index >= 0 && after.index >= 0) {
          gap("", key, before, after, before.index, after.index, last.poll(), poll, findings);
        }
      }
    }
  }

  /** Between two polls of one process ({@code earlier} given) or inside one ({@code earlier} null). */
  private static void gap(String prefix, Key key, Msg before, Msg after, int from, int to, Poll earlier, Poll poll,
      KafkaChecker.Findings findings) {
    int delta = to - from;
    if (delta == 1) {
      return; // The common case: no error, so nothing is built.
    }
    List<Object> skipped = new ArrayList<>();
    for (int i = from + 1; i < to && skipped.size() < 32; i++) {
      skipped.add(key.byIndex[i].value);
    }
    findings.add(prefix + (delta > 1 ? "poll-skip" : "nonmonotonic-poll"), new KafkaAnomaly.PollGap(key.name, before.value,
        after.value, delta, skipped, earlier == null ? null : OpRef.of(earlier), OpRef.of(poll)));
  }
}
