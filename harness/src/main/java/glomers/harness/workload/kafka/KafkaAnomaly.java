package glomers.harness.workload.kafka;

import glomers.harness.checker.History;
import glomers.harness.checker.JsonValues;
import glomers.harness.history.Op;
import glomers.harness.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One case of an error type the kafka checker reports: its facts as results.json writes them (in
 * Jepsen's keys) and the case in words, naming the ops involved as {@code op N}.
 */
sealed interface KafkaAnomaly {
  Map<String, Object> json();

  /** This case in one sentence. */
  String example();

  /** An op a case names: the completion, and the invocation when results show its index too. */
  record OpRef(Op op, Op invoke) {
    static OpRef of(KafkaIndex.Event event) {
      return new OpRef(event.op(), event.invoke());
    }

    /** The completion, plus the index of its invocation. */
    Map<String, Object> json() {
      Map<String, Object> json = History.toJson(op);
      if (invoke != null) {
        json.put("invoke-index", invoke.index());
      }
      return json;
    }

    @Override
    public String toString() {
      return describe(op);
    }
  }

  /** Different msgs at one offset of a key; {@code shown.get(i)} is what {@code ops.get(i)} showed there. */
  record InconsistentOffsets(String key, long offset, int index, List<Object> shown, List<Op> ops) implements KafkaAnomaly {
    @Override
    public Map<String, Object> json() {
      return facts("key", key, "offset", offset, "index", index, "values", sorted(shown), "ops",
          ops.stream().map(History::toJson).toList());
    }

    @Override
    public String example() {
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < ops.size(); i++) {
        seen.add(quoted(shown.get(i)) + " for " + describe(ops.get(i)));
      }
      return "offset " + offset + " (index " + index + ") of key " + quoted(key) + " held " + String.join(", ", seen);
    }
  }

  /** One msg at several offsets of its key, ascending; {@code ops.get(i)} first showed it at {@code offsets[i]}. */
  record Duplicate(String key, Object value, long[] offsets, List<Op> ops) implements KafkaAnomaly {
    @Override
    public Map<String, Object> json() {
      return facts("key", key, "value", value, "count", offsets.length, "offsets", Arrays.stream(offsets).boxed().toList(),
          "ops", ops.stream().map(History::toJson).toList());
    }

    @Override
    public String example() {
      List<String> at = new ArrayList<>();
      for (int i = 0; i < offsets.length; i++) {
        at.add(describe(ops.get(i)) + " at " + offsets[i]);
      }
      return "msg " + quoted(value) + " of key " + quoted(key) + " sits at offsets "
          + Arrays.stream(offsets).mapToObj(Long::toString).collect(Collectors.joining(", ")) + " (shown by "
          + String.join(", ", at) + ")";
    }
  }

  /** Two sends of one process to one key whose positions in the key's log do not rise ({@code delta} < 1). */
  record NonmonotonicSend(String key, Object before, Object after, int delta, OpRef earlier, OpRef later)
      implements KafkaAnomaly {
    @Override
    public Map<String, Object> json() {
      return facts("key", key, "values", List.of(before, after), "delta", delta, "ops", List.of(earlier.json(), later.json()));
    }

    @Override
    public String example() {
      return "process " + later.op().process() + " sent " + quoted(before) + " to key " + quoted(key) + " in op "
          + earlier.op().index() + ", then " + quoted(after) + " in op " + later.op().index() + ", which landed " + back(delta)
          + " in the key's log";
    }
  }

  /**
   * Two msgs of a key that a process read one after the other, whose positions in the key's log are
   * not neighbours: {@code delta} > 1 skips msgs (the first 32 in {@code skipped}), {@code delta} < 1
   * goes back. {@code earlier} is the poll that read {@code before}, or null when one poll read both.
   */
  record PollGap(String key, Object before, Object after, int delta, List<Object> skipped, OpRef earlier, OpRef poll)
      implements KafkaAnomaly {
    @Override
    public Map<String, Object> json() {
      Map<String, Object> err = facts("key", key, "values", List.of(before, after), "delta", delta);
      if (delta > 1) {
        err.put("skipped", skipped);
        if (delta - 1 > skipped.size()) {
          err.put("skipped-count", delta - 1);
        }
      }
      if (earlier == null) {
        err.put("op", poll.json());
      } else {
        err.put("ops", List.of(earlier.json(), poll.json()));
      }
      return err;
    }

    @Override
    public String example() {
      String read = earlier == null
          ? describe(poll.op()) + " polled key " + quoted(key) + " and got " + quoted(before) + " then " + quoted(after)
          : "process " + poll.op().process() + " polled key " + quoted(key) + " in op " + earlier.op().index() + ", ending at "
              + quoted(before) + ", then in op " + poll.op().index() + ", beginning at " + quoted(after);
      if (delta > 1) {
        String shown = skipped.stream().limit(8).map(KafkaAnomaly::quoted).collect(Collectors.joining(", "));
        return read + ": " + (delta - 1) + " msg" + (delta == 2 ? "" : "s") + " of the log skipped (" + shown
            + (delta - 1 > 8 ? ", ..." : "") + ")";
      }
      return read + ", " + back(delta) + " in the key's log";
    }
  }

  /** A poll that returned a msg whose send failed. */
  record AbortedRead(String key, Object value, Op writer, OpRef reader) implements KafkaAnomaly {
    @Override
    public Map<String, Object> json() {
      return facts("key", key, "value", value, "writer", History.toJson(writer), "reader", reader.json());
    }

    @Override
    public String example() {
      return describe(writer) + " sent " + quoted(value) + " to key " + quoted(key) + " and failed, yet " + reader
          + " polled it";
    }
  }

  /** A poll that completed before the send of a msg it returned was invoked: a two-op cycle. */
  record RealtimeCycle(String key, Object value, OpRef writer, OpRef poll) implements KafkaAnomaly {
    @Override
    public Map<String, Object> json() {
      Map<String, Object> wr = facts("type", "wr", "key", key, "value", value);
      Map<String, Object> rt = facts("type", "realtime", "a-completed-index", poll.op().index(), "b-invoked-index",
          writer.invoke().index());
      return facts("type", "G1c-realtime", "cycle", List.of(writer.json(), poll.json(), writer.json()), "steps",
          List.of(wr, rt), "explanation", example());
    }

    @Override
    public String example() {
      return "op " + writer.op().index() + " sent " + value + " to key " + key + ", which op " + poll.op().index()
          + " polled, but op " + poll.op().index() + " completed before op " + writer.op().index()
          + " was invoked (index " + writer.invoke().index() + ")";
    }
  }

  /**
   * An ok send's msg at {@code index} of its key's log that no poll returned, though polls read the
   * key up to {@code maxReadIndex}: {@code maxRead} first read the msg there.
   */
  record LostWrite(String key, Object value, int index, int maxReadIndex, Op writer, Op maxRead) implements KafkaAnomaly {
    @Override
    public Map<String, Object> json() {
      return facts("key", key, "value", value, "index", index, "max-read-index", maxReadIndex, "writer",
          History.toJson(writer), "max-read", History.toJson(maxRead));
    }

    @Override
    public String example() {
      return describe(writer) + " sent " + quoted(value) + " to key " + quoted(key) + " and it was acknowledged (index " + index
          + " of the key's log), but no poll returned it, though polls read the key up to index " + maxReadIndex + " ("
          + describe(maxRead) + " first read that far)";
    }
  }

  /**
   * Ok sends whose msgs no poll returned: per key (in key order) their count and the first 32 msgs.
   * {@code time} is the last ok send or poll's.
   */
  record Unseen(long time, Map<String, Integer> counts, Map<String, List<Object>> messages) implements KafkaAnomaly {
    int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public Map<String, Object> json() {
      return facts("time", time, "unseen", counts, "messages", messages);
    }

    @Override
    public String example() {
      Map.Entry<String, List<Object>> first = messages.entrySet().iterator().next();
      return total() + " acknowledged msg" + (total() == 1 ? "" : "s") + " in " + counts.size() + " key"
          + (counts.size() == 1 ? "" : "s") + " never polled, e.g. key " + quoted(first.getKey()) + ": "
          + first.getValue().stream().limit(8).map(KafkaAnomaly::quoted).collect(Collectors.joining(", "))
          + (first.getValue().size() > 8 || counts.get(first.getKey()) > first.getValue().size() ? ", ..." : "");
    }
  }

  /**
   * A case's facts from alternating names and values, in the order results.json shows them; a
   * mutable map, so a case can add facts that only some of its instances have.
   */
  static Map<String, Object> facts(Object... namesAndValues) {
    Map<String, Object> facts = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      facts.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return facts;
  }

  /** {@code op N (process P)}. */
  static String describe(Op op) {
    return "op " + op.index() + " (process " + op.process() + ")";
  }

  /** A key or msg as JSON writes it: a string key in quotes. */
  static String quoted(Object v) {
    return Json.write(v);
  }

  /** Where a msg landed against the one before it, for {@code delta} < 1. */
  private static String back(int delta) {
    return delta == 0 ? "at the same position" : -delta + " position" + (delta == -1 ? "" : "s") + " before it";
  }

  /** Msgs in JSON order; msgs of different JSON kinds have no order and are shown as found. */
  static List<Object> sorted(List<Object> values) {
    List<Object> copy = new ArrayList<>(values);
    try {
      copy.sort(JsonValues.ORDER);
    } catch (IllegalArgumentException e) {
      // Left as found.
    }
    return copy;
  }
}
