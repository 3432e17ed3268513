package glomers.harness.checker.elle;

import glomers.harness.checker.Checker;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Elle's rw-register check as Maelstrom configures it (write-follows-read version inference): the
 * non-cycle anomalies (internal, G1a, G1b, lost-update, cyclic-versions), then cycles in the graph
 * of ww, wr and rw dependencies (plus realtime or process order when a model needs it), judged
 * against the requested consistency models. Every reported anomaly carries an explanation naming
 * the operations involved.
 */
public final class RwRegisterChecker implements Checker {
  static final byte WW = 0, WR = 1, RW = 2, RW_IN = 3, RW_OUT = 4, RT_IN = 5, RT_CHAIN = 6, RT_OUT = 7, PROC = 8;
  static final int R_WW = 1, R_WR = 2, R_RW = 4, R_RT = 8, R_PROC = 16;

  private final List<String> models;

  public RwRegisterChecker(List<String> models) {
    this.models = List.copyOf(models);
  }

  static int rel(int kind) {
    return switch (kind) {
      case WW -> R_WW;
      case WR -> R_WR;
      case RW, RW_IN, RW_OUT -> R_RW;
      case RT_IN, RT_CHAIN, RT_OUT -> R_RT;
      default -> R_PROC;
    };
  }

  /** One micro-op; keys and values canonical. */
  record Mop(String f, Object key, Object value) {
    List<Object> json() {
      return Arrays.asList(f, key, value);
    }
  }

  /** A completed transaction: its completion, invocation and micro-ops. */
  static final class Txn {
    final Op op;
    final Op invoke;
    final List<Mop> mops;
    final Small extReads = new Small();
    final Small extWrites = new Small();
    int vertex = -1;
    /** Positions of the invocation (-1 if none) and completion in the history list. */
    int invokeAt = -1;
    int completeAt;

    Txn(Op op, Op invoke, List<Mop> mops) {
      this.op = op;
      this.invoke = invoke;
      this.mops = mops;
      for (int i = 0; i < mops.size(); i++) {
        Mop m = mops.get(i);
        if (m.f.equals("r") && firstOnKey(mops, i)) {
          extReads.put(m.key, m.value);
        }
        if (m.f.equals("w")) {
          extWrites.put(m.key, m.value);
        }
      }
    }

    private static boolean firstOnKey(List<Mop> mops, int i) {
      for (int j = 0; j < i; j++) {
        if (Objects.equals(mops.get(j).key, mops.get(i).key)) {
          return false;
        }
      }
      return true;
    }

    String describe() {
      return "op " + op.index() + " (process " + op.process() + ", " + op.type().wire() + "): " + Json.write(mopsJson());
    }

    List<Object> mopsJson() {
      List<Object> out = new ArrayList<>();
      mops.forEach(m -> out.add(m.json()));
      return out;
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("index", op.index());
      json.put("process", op.process());
      json.put("type", op.type().wire());
      json.put("value", mopsJson());
      return json;
    }
  }

  @Override
  public Anomalies check(List<Op> history) {
    Set<String> prohibited = Models.prohibitedBy(models);
    Set<String> reportable = new TreeSet<>(prohibited);
    reportable.add("empty-transaction-graph");
    boolean realtime = prohibited.stream().anyMatch(a -> a.endsWith("-realtime"));
    boolean process = !realtime && prohibited.stream().anyMatch(a -> a.endsWith("-process"));

    List<Txn> txns = parse(history, "w");
    Map<String, List<Map<String, Object>>> anomalies = new TreeMap<>();
    List<Txn> oks = txns.stream().filter(t -> t.op.type() == OpType.OK).toList();
    NonCycle.check(txns, oks, anomalies);

    Graphs graphs = new Graphs(history, txns, oks, realtime, process);
    graphs.build(anomalies);
    if (graphs.empty) {
      anomalies.put(
          "empty-transaction-graph",
          List.of(explained(new LinkedHashMap<>(),
              "No ok transaction is related to another by any dependency (wr, ww, rw or order): nothing could be checked.")));
    }
    new CycleSearch(graphs).run(anomalies);
    return result(anomalies, reportable, Set.of());
  }

  static Map<String, Object> explained(Map<String, Object> anomaly, String explanation) {
    anomaly.put("explanation", explanation);
    return anomaly;
  }

  /**
   * Elle's result map as Maelstrom passes it on: only reportable types; any of them fails the run,
   * except that types in {@code unknownOnly} (list-append's empty-transaction-graph) make it unknown
   * when nothing else is reported.
   */
  static Anomalies result(Map<String, List<Map<String, Object>>> anomalies, Set<String> reportable, Set<String> unknownOnly) {
    Map<String, List<Map<String, Object>>> shown = new TreeMap<>();
    anomalies.forEach(
        (type, cases) -> {
          if (reportable.contains(type)) {
            shown.put(type, cases);
          }
        });
    // A "cycle exists" finding adds nothing when a specific anomaly already rules out its model.
    Set<String> others = new HashSet<>();
    shown.keySet().stream().filter(t -> !t.endsWith("-cycle-exists")).forEach(others::add);
    Set<String> impossible = Models.impossibleModels(others);
    shown.entrySet().removeIf(e -> e.getKey().endsWith("-cycle-exists") && impossible.contains(CycleSearch.modelOf(e.getKey())));
    if (shown.isEmpty()) {
      return Anomalies.none();
    }
    Map<String, List<Anomalies.Anomaly>> typed = new LinkedHashMap<>();
    shown.forEach((type, cases) -> typed.put(type, cases.stream().map(Anomalies.Anomaly::of).toList()));
    Map<String, Set<String>> boundary = Models.boundary(anomalies.keySet());
    boolean onlyUnknown = unknownOnly.containsAll(shown.keySet());
    return new Anomalies(onlyUnknown ? Validity.UNKNOWN : Validity.FALSE, typed, boundary.get("not"), boundary.get("also-not"));
  }

  /**
   * Completed txns in completion order, their micro-ops reads and writes named {@code write} ("w" or
   * "append"); for rw-register, mixed key types make the whole check unknown, as in Elle.
   */
  static List<Txn> parse(List<Op> history, String write) {
    // A process has at most one op in flight, so its last invocation is the one completing.
    Map<Integer, Integer> pending = new HashMap<>();
    List<Txn> txns = new ArrayList<>();
    Set<Class<?>> keyTypes = new HashSet<>();
    for (int at = 0; at < history.size(); at++) {
      Op op = history.get(at);
      if (!op.isClient()) {
        continue;
      }
      if (op.isInvoke()) {
        pending.put(op.process(), at);
        // Elle checks the invocations' keys too: a node answering with string keys for integer
        // keys makes the history mixed even if every completion agrees.
        if ("txn".equals(op.f()) && op.value() instanceof List<?> request) {
          for (Object mop : request) {
            if (mop instanceof List<?> m && m.size() == 3) {
              Object key = JsonValues.canonical(m.get(1));
              keyTypes.add(key == null ? Void.class : key.getClass());
            }
          }
        }
        continue;
      }
      Integer invokeAt = pending.remove(op.process());
      if (!"txn".equals(op.f())) {
        continue;
      }
      List<Mop> mops = mops(op, write);
      for (Mop m : mops) {
        keyTypes.add(m.key == null ? Void.class : m.key.getClass());
      }
      Txn t = new Txn(op, invokeAt == null ? null : history.get(invokeAt), mops);
      t.invokeAt = invokeAt == null ? -1 : invokeAt;
      t.completeAt = at;
      txns.add(t);
    }
    // Only Elle's rw-register asserts one key type; its list-append takes whatever keys it gets.
    if (keyTypes.size() > 1 && write.equals("w")) {
      throw new IllegalStateException("History includes a mix of different types for transaction keys: " + keyTypes);
    }
    return txns;
  }

  private static List<Mop> mops(Op op, String write) {
    if (!(op.value() instanceof List<?> list)) {
      throw new IllegalStateException("op " + op.index() + " has no list of micro-ops: " + op.value());
    }
    List<Mop> mops = new ArrayList<>(list.size());
    for (Object element : list) {
      if (!(element instanceof List<?> mop) || mop.size() != 3 || !("r".equals(mop.get(0)) || write.equals(mop.get(0)))) {
        throw new IllegalStateException("op " + op.index() + " has a malformed micro-op " + element);
      }
      mops.add(new Mop((String) mop.get(0), JsonValues.canonical(mop.get(1)), JsonValues.canonical(mop.get(2))));
    }
    return mops;
  }

  static String kv(Object key, Object value) {
    return Json.write(key) + "=" + Json.write(value);
  }
}
