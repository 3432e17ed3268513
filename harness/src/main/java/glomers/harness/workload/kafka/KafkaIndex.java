package glomers.harness.workload.kafka;

import glomers.harness.checker.JsonValues;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kafka history indexed for the checker's analyses, in one pass over the history: per key its
 * offset log and per message its writer, readers and offsets; then each key's known offsets
 * numbered densely ("indexes", so that a gap in offsets the log never showed is no skip). The
 * analyses then walk the compact events (ok and info sends, ok polls, ok and info assigns) in
 * completion order rather than the history.
 */
final class KafkaIndex {
  /** An ok or info send, an ok poll or an ok/info assign, with its invocation. */
  sealed interface Event permits Send, Poll, Assign {
    Op invoke();

    Op op();
  }

  record Send(Op invoke, Op op, Key key, Msg msg) implements Event {}

  /** Per key read: the msgs in reply order and the highest offset (-1 for none). */
  record Poll(Op invoke, Op op, Key[] keys, Msg[][] msgs, long[] tops) implements Event {}

  record Assign(Op invoke, Op op, Set<String> keys) implements Event {}

  /** One message of one key. */
  static final class Msg {
    final Key key;
    final Object value;
    Op writer;
    Op writerInvoke;
    boolean okSent;
    boolean infoSent;
    boolean failSent;
    Op failWriter;
    Op firstReader;
    long offset = -1;
    /** Further distinct offsets, only for duplicates. */
    long[] more;
    int firstIndex = -1;
    int lastIndex = -1;
    /** Index where this msg is the value shown for its offset; the last one if several. */
    int index = -1;

    Msg(Key key, Object value) {
      this.key = key;
      this.value = value;
    }

    void addOffset(long at) {
      if (offset < 0) {
        offset = at;
      } else {
        more = more == null ? new long[] {at} : Arrays.copyOf(more, more.length + 1);
        more[more.length - 1] = at;
      }
    }

    long[] offsets() {
      long[] all = new long[1 + (more == null ? 0 : more.length)];
      all[0] = offset;
      if (more != null) {
        System.arraycopy(more, 0, all, 1, more.length);
      }
      return all;
    }

    private void seenAt(int index) {
      if (firstIndex < 0) {
        firstIndex = index;
      }
      lastIndex = index;
    }
  }

  /** The msgs seen at one offset, first seen first. */
  static final class Slot {
    final Msg first;
    /** The op that first showed {@code first} here, and likewise for each of {@code others}. */
    final Op firstOp;
    List<Msg> others;
    List<Op> otherOps;

    Slot(Msg first, Op op) {
      this.first = first;
      this.firstOp = op;
    }

    Op opOf(Msg msg) {
      return msg == first ? firstOp : otherOps.get(others.indexOf(msg));
    }

    boolean holds(Msg msg) {
      return first == msg || (others != null && others.contains(msg));
    }
  }

  static final class Key {
    final String name;
    final HashMap<Object, Msg> msgs = new HashMap<>();
    final OffsetLog<Slot> log = new OffsetLog<>();
    /** The known offsets, ascending, and the msg shown at each: index i is offsets[i]. */
    long[] offsets = new long[0];
    Msg[] byIndex = new Msg[0];
    /** Offsets known to exist, as (offset, time) steps rising in both: for realtime lag. */
    long[] knownOffsets = new long[4];
    long[] knownTimes = new long[4];
    int known;

    Key(String name) {
      this.name = name;
    }

    Msg msg(Object value) {
      Msg msg = msgs.get(value);
      if (msg == null) {
        msg = new Msg(this, value);
        msgs.put(value, msg);
      }
      return msg;
    }

    void record(long offset, Msg msg, Op op) {
      if (offset < 0) {
        return; // Jepsen's version order has no place for negative offsets.
      }
      Slot slot = log.get(offset);
      if (slot == null) {
        log.put(offset, new Slot(msg, op));
        msg.addOffset(offset);
      } else if (!slot.holds(msg)) {
        if (slot.others == null) {
          slot.others = new ArrayList<>(1);
          slot.otherOps = new ArrayList<>(1);
        }
        slot.others.add(msg);
        slot.otherOps.add(op);
        msg.addOffset(offset);
      }
    }

    void known(long offset, long time) {
      if (known > 0 && knownOffsets[known - 1] >= offset) {
        return;
      }
      if (known == knownOffsets.length) {
        knownOffsets = Arrays.copyOf(knownOffsets, known * 2);
        knownTimes = Arrays.copyOf(knownTimes, known * 2);
      }
      knownOffsets[known] = offset;
      knownTimes[known] = time;
      known++;
    }

    /** When offset {@code offset} was first known to exist, or Long.MAX_VALUE. */
    long knownAt(long offset) {
      int lo = 0;
      int hi = known;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (knownOffsets[mid] >= offset) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo == known ? Long.MAX_VALUE : knownTimes[lo];
    }

    /** Numbers the known offsets densely; each msg learns the first and last index it was seen at. */
    private void number() {
      offsets = log.sortedOffsets();
      byIndex = new Msg[offsets.length];
      for (int i = 0; i < offsets.length; i++) {
        Slot slot = log.get(offsets[i]);
        byIndex[i] = slot.first;
        slot.first.index = i;
        slot.first.seenAt(i);
        if (slot.others != null) {
          for (Msg other : slot.others) {
            other.seenAt(i);
          }
        }
      }
    }
  }

  final Map<String, Key> keys = new HashMap<>();
  final List<Event> events = new ArrayList<>();
  /** The errors of info sends and polls, first seen first. */
  final Set<Object> infoCauses = new LinkedHashSet<>();
  /** Whether some send or poll was invoked after another one had completed ok: a realtime edge. */
  boolean realtimeEdge;
  /** The time of the last ok send or poll. */
  long lastOkTime;

  private KafkaIndex() {}

  static KafkaIndex of(List<Op> history) {
    KafkaIndex index = new KafkaIndex();
    index.read(history);
    for (Key key : index.sortedKeys()) {
      key.number();
    }
    return index;
  }

  private void read(List<Op> history) {
    Map<Integer, Op> pending = new HashMap<>();
    long firstOkCompletion = Long.MAX_VALUE;
    for (Op op : history) {
      if (!op.isClient()) {
        continue;
      }
      if (op.isInvoke()) {
        pending.put(op.process(), op);
        continue;
      }
      Op invoke = pending.remove(op.process());
      if (invoke == null) {
        continue;
      }
      switch (op.f()) {
        case "send" -> send(invoke, op);
        case "poll" -> {
          if (op.type() == OpType.OK) {
            poll(invoke, op);
          }
        }
        case "assign" -> {
          if (op.type() != OpType.FAIL) {
            Set<String> assigned = new LinkedHashSet<>();
            for (Object key : (List<?>) op.value()) {
              assigned.add(String.valueOf(key));
            }
            events.add(new Assign(invoke, op, assigned));
          }
        }
        default -> {}
      }
      if (op.f().equals("send") || op.f().equals("poll")) {
        if (op.type() == OpType.INFO) {
          infoCauses.add(op.error());
        }
        if (op.type() != OpType.FAIL && firstOkCompletion < invoke.index()) {
          realtimeEdge = true;
        }
        if (op.type() == OpType.OK) {
          firstOkCompletion = Math.min(firstOkCompletion, op.index());
          lastOkTime = op.time();
        }
      }
    }
  }

  private void send(Op invoke, Op op) {
    List<?> mop = firstMop(invoke.value(), "send");
    Key key = key(mop.get(1));
    Msg msg = key.msg(JsonValues.canonical(mop.get(2)));
    // Any send is a writer, so a poll of a failed send's msg is G1a rather than unknown; an ok or
    // info send of the same msg is preferred.
    if (msg.writer == null || (msg.writer.type() == OpType.FAIL && op.type() != OpType.FAIL)) {
      msg.writer = op;
      msg.writerInvoke = invoke;
    }
    switch (op.type()) {
      case OK -> {
        msg.okSent = true;
        List<?> completed = firstMop(op.value(), "send");
        long offset = offset(((List<?>) completed.get(2)).get(0));
        key.record(offset, msg, op);
        key.known(offset, op.time());
      }
      case INFO -> msg.infoSent = true;
      case FAIL -> {
        msg.failSent = true;
        if (msg.failWriter == null) {
          msg.failWriter = op;
        }
      }
      default -> {}
    }
    if (op.type() != OpType.FAIL) {
      events.add(new Send(invoke, op, key, msg));
    }
  }

  private void poll(Op invoke, Op op) {
    Map<?, ?> read = (Map<?, ?>) firstMop(op.value(), "poll").get(1);
    Key[] readKeys = new Key[read.size()];
    Msg[][] msgs = new Msg[read.size()][];
    long[] tops = new long[read.size()];
    int k = 0;
    for (Map.Entry<?, ?> entry : read.entrySet()) {
      Key key = key(entry.getKey());
      List<?> pairs = (List<?>) entry.getValue();
      readKeys[k] = key;
      msgs[k] = new Msg[pairs.size()];
      long top = -1;
      for (int i = 0; i < pairs.size(); i++) {
        List<?> pair = (List<?>) pairs.get(i);
        long offset = offset(pair.get(0));
        Msg msg = key.msg(JsonValues.canonical(pair.get(1)));
        if (msg.firstReader == null) {
          msg.firstReader = op;
        }
        key.record(offset, msg, op);
        msgs[k][i] = msg;
        top = Math.max(top, offset);
      }
      if (top >= 0) {
        key.known(top, op.time());
      }
      tops[k] = top;
      k++;
    }
    events.add(new Poll(invoke, op, readKeys, msgs, tops));
  }

  private Key key(Object name) {
    if (!(name instanceof String s)) {
      throw new IllegalArgumentException("kafka keys are strings, not " + name);
    }
    return keys.computeIfAbsent(s, Key::new);
  }

  /** The key named {@code name}, which an assign may name before any op used it. */
  Key keyNamed(String name) {
    return keys.computeIfAbsent(name, Key::new);
  }

  List<Key> sortedKeys() {
    List<Key> sorted = new ArrayList<>(keys.values());
    sorted.sort(Comparator.comparing(k -> k.name));
    return sorted;
  }

  private static List<?> firstMop(Object value, String f) {
    if (value instanceof List<?> mops && !mops.isEmpty() && mops.get(0) instanceof List<?> mop && f.equals(mop.get(0))) {
      return mop;
    }
    throw new IllegalArgumentException("not a " + f + " value: " + value);
  }

  private static long offset(Object offset) {
    // Parsed histories hold small integers as Integer: read them without boxing a Long.
    if (offset instanceof Integer i) {
      return i;
    }
    if (JsonValues.canonical(offset) instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException("offset is not an integer: " + offset);
  }
}
