package glomers.harness.workload.kafka;

import glomers.harness.checker.Checker;
import glomers.harness.checker.History;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Jepsen's kafka checker as Maelstrom configures it: single-op transactions, assign only, no
 * write-write inference, cycles judged as strict-serializable.
 *
 * <p>Cost is linear in the history plus a sort of each key's offsets: one pass pairs ops and builds
 * per key the offset log and per message its writer, readers and offsets; the keys' logs are then
 * numbered densely ("indexes"); a second pass over the compact per-op records (not the history)
 * walks each process's polls, sends and assigns in order.
 *
 * <p>Realtime cycles: wr edges run only from a send to a poll that returned its message, and
 * realtime edges from an ok op to every op invoked after it completed. Realtime order alone is
 * acyclic, and a poll has no outgoing wr edge, so every cycle is S1 -wr-> P1 -rt-> S2 -wr-> P2 ...
 * -rt-> S1 (a run of rt edges shortens to one, as the order is transitive). If no single pair has
 * P completing before S is invoked, then P_i completes at or after S_i's invocation, while P_i
 * completes before S_(i+1) is invoked, so invocation times strictly rise around the cycle, which is
 * impossible. So a cycle exists exactly when some poll completed before the invocation of a send of
 * a message it returned, and every such pair is itself a two-op cycle, found in one pass.
 */
public final class KafkaChecker implements Checker {
  /** Error types that do not fail the run. */
  static final Set<String> ALLOWED =
      Set.of("int-send-skip", "G0", "G0-process", "G0-realtime", "PL-1-cycle-exists", "strong-PL-1-cycle-exists");

  private static final int UNSEEN_SHOWN = 32;

  /** An ok or info send, an ok poll or an ok/info assign, with its invocation. */
  private interface Event {
    Op invoke();

    Op op();
  }

  private record Send(Op invoke, Op op, Key key, Msg msg) implements Event {}

  /** Per key read: the msgs in reply order and the highest offset (-1 for none). */
  private record Poll(Op invoke, Op op, Key[] keys, Msg[][] msgs, long[] tops) implements Event {}

  private record Assign(Op invoke, Op op, Set<String> keys) implements Event {}

  /** One message of one key. */
  private static final class Msg {
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
  }

  /** The msgs seen at one offset, first seen first. */
  private static final class Slot {
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

  private static final class Key {
    final String name;
    final HashMap<Object, Msg> msgs = new HashMap<>();
    final OffsetLog<Slot> log = new OffsetLog<>();
    Msg[] byIndex;
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
  }

  /** The last ok poll of a key by a process, and the last msg it returned for the key (null if none). */
  private record LastRead(Poll poll, Msg msg) {}

  /** {@code {time: 0, lag: 0}} in that order (Map.of's order would change with each JVM). */
  private static Map<String, Object> noLag() {
    Map<String, Object> none = new LinkedHashMap<>();
    none.put("time", 0);
    none.put("lag", 0);
    return none;
  }

  private static final class Process {
    final Map<Key, LastRead> lastReads = new HashMap<>();
    final Map<Key, Send> lastSends = new HashMap<>();
    // Iterated for the worst lag, where a tie keeps the first: insertion order, not Key's identity hash.
    Map<Key, Long> lagOffsets = new LinkedHashMap<>();
  }

  private final Map<String, Key> keys = new HashMap<>();
  private final Map<String, List<Map<String, Object>>> errors = new TreeMap<>();

  @Override
  public Result check(List<Op> history) {
    keys.clear();
    errors.clear();
    List<Event> events = new ArrayList<>();
    Set<Object> infoCauses = new LinkedHashSet<>();
    Map<Integer, Op> pending = new HashMap<>();
    long firstOkCompletion = Long.MAX_VALUE;
    boolean realtimeEdge = false;
    long lastOkTime = 0;

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
        case "send" -> {
          List<?> mop = firstMop(invoke.value(), "send");
          Key key = key(mop.get(1));
          Msg msg = key.msg(JsonValues.canonical(mop.get(2)));
          // Any send is a writer, so a poll of a failed send's msg is G1a rather than unknown; an
          // ok or info send of the same msg is preferred.
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
        case "poll" -> {
          if (op.type() == OpType.OK) {
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

    indexLogs();
    boolean wrEdge = perProcess(events);
    lostWrites();
    Map<String, Object> unseen = unseen(lastOkTime);
    if (!wrEdge && !realtimeEdge) {
      errors.put("empty-transaction-graph", null);
    }
    return result(infoCauses, unseen, worstLag);
  }

  private Key key(Object name) {
    if (!(name instanceof String s)) {
      throw new IllegalArgumentException("kafka keys are strings, not " + name);
    }
    return keys.computeIfAbsent(s, Key::new);
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

  /** Numbers each key's known offsets densely and reports offsets with several msgs. */
  private void indexLogs() {
    for (Key key : sortedKeys()) {
      long[] offsets = key.log.sortedOffsets();
      int n = offsets.length;
      key.byIndex = new Msg[n];
      for (int i = 0; i < n; i++) {
        Slot slot = key.log.get(offsets[i]);
        key.byIndex[i] = slot.first;
        slot.first.index = i;
        see(slot.first, i);
        if (slot.others != null) {
          for (Msg other : slot.others) {
            see(other, i);
          }
          List<Object> values = new ArrayList<>();
          values.add(slot.first.value);
          slot.others.forEach(m -> values.add(m.value));
          Map<String, Object> err = new LinkedHashMap<>();
          err.put("key", key.name);
          err.put("offset", offsets[i]);
          err.put("index", i);
          err.put("values", sorted(values));
          List<Object> ops = new ArrayList<>();
          ops.add(History.toJson(slot.firstOp));
          slot.otherOps.forEach(op -> ops.add(History.toJson(op)));
          err.put("ops", ops);
          error("inconsistent-offsets", err);
        }
      }
      for (Msg msg : key.msgs.values()) {
        if (msg.more != null) {
          long[] at = msg.offsets();
          Arrays.sort(at);
          Map<String, Object> err = new LinkedHashMap<>();
          err.put("key", key.name);
          err.put("value", msg.value);
          err.put("count", at.length);
          err.put("offsets", Arrays.stream(at).boxed().toList());
          List<Object> ops = new ArrayList<>();
          for (long offset : at) {
            ops.add(History.toJson(key.log.get(offset).opOf(msg)));
          }
          err.put("ops", ops);
          error("duplicate", err);
        }
      }
    }
  }

  private static void see(Msg msg, int index) {
    if (msg.firstIndex < 0) {
      msg.firstIndex = index;
    }
    msg.lastIndex = index;
  }

  private List<Key> sortedKeys() {
    List<Key> sorted = new ArrayList<>(keys.values());
    sorted.sort(Comparator.comparing(k -> k.name));
    return sorted;
  }

  private Map<String, Object> worstLag;

  /** Each process's ops in order: poll and send monotonicity, G1a, realtime cycles and lag. */
  private boolean perProcess(List<Event> events) {
    Map<Integer, Process> processes = new HashMap<>();
    boolean wrEdge = false;
    long worst = -1;
    worstLag = null;
    for (Event event : events) {
      Process process = processes.computeIfAbsent(event.op().process(), p -> new Process());
      Op op = event.op();
      switch (event) {
        case Assign assign -> {
          process.lastReads.keySet().removeIf(k -> !assign.keys().contains(k.name));
          process.lastSends.keySet().removeIf(k -> !assign.keys().contains(k.name));
          if (op.type() == OpType.OK) {
            Map<Key, Long> lag = new LinkedHashMap<>();
            for (String name : assign.keys()) {
              Key key = keys.computeIfAbsent(name, Key::new);
              lag.put(key, process.lagOffsets.getOrDefault(key, -1L));
            }
            process.lagOffsets = lag;
          }
        }
        case Send send -> {
          Send last = process.lastSends.put(send.key(), send);
          if (last != null && last.msg().index >= 0 && send.msg().index >= 0 && send.msg().index - last.msg().index < 1) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("key", send.key().name);
            err.put("values", List.of(last.msg().value, send.msg().value));
            err.put("delta", send.msg().index - last.msg().index);
            err.put("ops", List.of(json(last), json(send)));
            error("nonmonotonic-send", err);
          }
        }
        case Poll poll -> {
          wrEdge |= poll(process, poll);
          long invoked = poll.invoke().time();
          for (Map.Entry<Key, Long> at : process.lagOffsets.entrySet()) {
            long knownAt = at.getKey().knownAt(at.getValue() + 1);
            long lag = knownAt == Long.MAX_VALUE ? 0 : Math.max(0, invoked - knownAt);
            if (lag > worst) {
              worst = lag;
              worstLag = new LinkedHashMap<>();
              worstLag.put("time", invoked / 1e9);
              worstLag.put("process", op.process());
              worstLag.put("key", at.getKey().name);
              worstLag.put("lag", lag / 1e9);
            }
          }
        }
        default -> throw new IllegalStateException(event.toString());
      }
    }
    return wrEdge;
  }

  /** One ok poll of one process; true if it read some other op's send (a wr edge). */
  private boolean poll(Process process, Poll poll) {
    Op op = poll.op();
    boolean wrEdge = false;
    for (int k = 0; k < poll.keys().length; k++) {
      Key key = poll.keys()[k];
      Msg[] msgs = poll.msgs()[k];
      int previous = -1;
      Msg previousMsg = null;
      for (Msg msg : msgs) {
        if (msg.writer == null) {
          throw new IllegalStateException(
              "op " + op.index() + " (process " + op.process() + ") polled msg " + msg.value + " of key " + key.name
                  + ", which no send carried");
        }
        if (msg.failSent) {
          Map<String, Object> err = new LinkedHashMap<>();
          err.put("key", key.name);
          err.put("value", msg.value);
          err.put("writer", History.toJson(msg.failWriter));
          err.put("reader", json(poll));
          error("G1a", err);
        }
        // Failed ops are not in the dependency graph; reading one is G1a.
        if (msg.writer.type() != OpType.FAIL) {
          wrEdge = true;
          if (msg.writerInvoke.index() > op.index()) {
            cycle(msg, poll);
          }
        }
        if (previous >= 0 && msg.index >= 0) {
          skipOrNonmonotonic("int-", key, previousMsg, msg, previous, msg.index, null, poll);
        }
        previous = msg.index;
        previousMsg = msg;
      }
      LastRead last = process.lastReads.put(key, new LastRead(poll, msgs.length == 0 ? null : msgs[msgs.length - 1]));
      if (last != null) {
        Msg before = last.msg();
        Msg after = msgs.length == 0 ? null : msgs[0];
        if (before != null && after != null && before.index >= 0 && after.index >= 0) {
          skipOrNonmonotonic("", key, before, after, before.index, after.index, last.poll(), poll);
        }
      }
      long top = poll.tops()[k];
      if (top >= 0) {
        process.lagOffsets.merge(key, top, Math::max);
      } else {
        process.lagOffsets.putIfAbsent(key, -1L);
      }
    }
    return wrEdge;
  }

  /** Between two polls of one process ({@code earlier} given) or inside one ({@code earlier} null). */
  private void skipOrNonmonotonic(String prefix, Key key, Msg before, Msg after, int from, int to, Poll earlier, Poll poll) {
    int delta = to - from;
    if (delta == 1) {
      return; // The common case: no error, so no op is rendered.
    }
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("key", key.name);
    err.put("values", List.of(before.value, after.value));
    err.put("delta", delta);
    if (delta > 1) {
      List<Object> skipped = new ArrayList<>();
      for (int i = from + 1; i < to && skipped.size() < 32; i++) {
        skipped.add(key.byIndex[i].value);
      }
      err.put("skipped", skipped);
      if (delta - 1 > skipped.size()) {
        err.put("skipped-count", delta - 1);
      }
    }
    if (earlier == null) {
      err.put("op", json(poll));
    } else {
      err.put("ops", List.of(json(earlier), json(poll)));
    }
    error(prefix + (delta > 1 ? "poll-skip" : "nonmonotonic-poll"), err);
  }

  /** A poll that completed before the send of a msg it returned was invoked: a two-op cycle. */
  private void cycle(Msg msg, Poll poll) {
    Map<String, Object> wr = new LinkedHashMap<>();
    wr.put("type", "wr");
    wr.put("key", msg.key.name);
    wr.put("value", msg.value);
    Map<String, Object> rt = new LinkedHashMap<>();
    rt.put("type", "realtime");
    rt.put("a-completed-index", poll.op().index());
    rt.put("b-invoked-index", msg.writerInvoke.index());
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("type", "G1c-realtime");
    err.put("cycle", List.of(writerJson(msg), json(poll), writerJson(msg)));
    err.put("steps", List.of(wr, rt));
    err.put(
        "explanation",
        "op " + msg.writer.index() + " sent " + msg.value + " to key " + msg.key.name + ", which op " + poll.op().index()
            + " polled, but op " + poll.op().index() + " completed before op " + msg.writer.index()
            + " was invoked (index " + msg.writerInvoke.index() + ")");
    error("G1c-realtime", err);
    error("strong-PL-2-cycle-exists", err);
  }

  /** Committed msgs at or below the highest first index any ok poll read, that no ok poll read. */
  private void lostWrites() {
    for (Key key : sortedKeys()) {
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
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("key", key.name);
        err.put("value", msg.value);
        err.put("index", msg.firstIndex);
        err.put("max-read-index", bound);
        err.put("writer", History.toJson(msg.writer));
        err.put("max-read", History.toJson(boundMsg.firstReader));
        error("lost-write", err);
      }
    }
  }

  private Map<String, Object> unseen(long time) {
    Map<String, Object> counts = new TreeMap<>();
    Map<String, Object> messages = new TreeMap<>();
    for (Key key : keys.values()) {
      List<Object> values = new ArrayList<>();
      for (Msg msg : key.msgs.values()) {
        if (msg.okSent && msg.firstReader == null) {
          values.add(msg.value);
        }
      }
      if (!values.isEmpty()) {
        counts.put(key.name, values.size());
        List<Object> shown = sorted(values);
        messages.put(key.name, shown.subList(0, Math.min(UNSEEN_SHOWN, shown.size())));
      }
    }
    if (counts.isEmpty()) {
      return null;
    }
    Map<String, Object> unseen = new LinkedHashMap<>();
    unseen.put("time", time);
    unseen.put("unseen", counts);
    unseen.put("messages", messages);
    return unseen;
  }

  private static List<Object> sorted(List<Object> values) {
    List<Object> copy = new ArrayList<>(values);
    try {
      copy.sort(JsonValues.ORDER);
    } catch (IllegalArgumentException e) {
      // Msgs of different JSON kinds have no order; show them as found.
    }
    return copy;
  }

  private void error(String type, Map<String, Object> err) {
    errors.computeIfAbsent(type, t -> new ArrayList<>()).add(err);
  }

  /** An op as results show it: the completion, plus the index of its invocation. */
  private static Map<String, Object> json(Event event) {
    Map<String, Object> json = History.toJson(event.op());
    json.put("invoke-index", event.invoke().index());
    return json;
  }

  private static Map<String, Object> writerJson(Msg msg) {
    Map<String, Object> json = History.toJson(msg.writer);
    json.put("invoke-index", msg.writerInvoke.index());
    return json;
  }

  /** The reported types that fail the run. */
  static List<String> badTypes(List<String> types) {
    return types.stream().filter(t -> !ALLOWED.contains(t)).sorted().toList();
  }

  private Result result(Set<Object> infoCauses, Map<String, Object> unseen, Map<String, Object> worst) {
    List<String> types = new ArrayList<>(errors.keySet());
    if (unseen != null) {
      types.add("unseen");
    }
    types.sort(null);
    List<String> bad = badTypes(types);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("worst-realtime-lag", worst == null ? noLag() : worst);
    details.put("bad-error-types", bad);
    details.put("error-types", types);
    details.put("info-txn-causes", new ArrayList<>(infoCauses));
    for (String type : types) {
      if (type.equals("unseen")) {
        details.put(type, unseen);
        continue;
      }
      List<Map<String, Object>> errs = errors.get(type);
      Map<String, Object> condensed = new LinkedHashMap<>();
      if (errs == null) {
        condensed.put("count", 1);
        condensed.put("errs", true);
      } else {
        condensed.put("count", errs.size());
        condensed.put("errs", condense(type, errs));
      }
      details.put(type, condensed);
    }
    return Result.of(Validity.of(bad.isEmpty()), details);
  }

  /** Jepsen's selection: the most telling few of a long list, everything for the rest. */
  private static List<Map<String, Object>> condense(String type, List<Map<String, Object>> errs) {
    Comparator<Map<String, Object>> byDelta = Comparator.comparingInt(e -> (Integer) e.get("delta"));
    return switch (type) {
      case "duplicate" -> first(errs, Comparator.comparingInt(e -> (Integer) e.get("count")), 32);
      case "inconsistent-offsets" -> first(errs, Comparator.comparingInt(e -> ((List<?>) e.get("values")).size()), 32);
      case "nonmonotonic-poll", "int-nonmonotonic-poll", "nonmonotonic-send" -> first(errs, byDelta, 8);
      case "poll-skip", "int-poll-skip" -> first(errs, byDelta.reversed(), 8);
      case "G1c-realtime", "strong-PL-2-cycle-exists" -> errs.subList(0, Math.min(8, errs.size()));
      default -> errs;
    };
  }

  private static List<Map<String, Object>> first(List<Map<String, Object>> errs, Comparator<Map<String, Object>> order, int n) {
    List<Map<String, Object>> sorted = new ArrayList<>(errs);
    sorted.sort(order);
    return sorted.subList(0, Math.min(n, sorted.size()));
  }
}
