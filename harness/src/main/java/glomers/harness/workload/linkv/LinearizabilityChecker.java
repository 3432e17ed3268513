package glomers.harness.workload.linkv;

import glomers.harness.checker.Checker;
import glomers.harness.checker.Explained;
import glomers.harness.checker.History;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * lin-kv's checker: Jepsen's independent checker over Knossos' linearizability check of a CAS
 * register. Ops whose value is a {@code [K v]} tuple are split by key; each key is searched on its own
 * (linearizability is compositional) by {@link CasRegisterSearch}. {@code :fail} ops are dropped;
 * {@code :info} ops and invocations with no completion may take effect any time after they were
 * invoked, or never. A key whose search runs out of budget is unknown, never valid.
 *
 * <p>Per-key results follow Maelstrom's shape (a verdict, {@code linearizable}, {@code
 * timeline}); an invalid key's {@code linearizable} adds the longest linearization found, the op
 * that cannot be placed after it, the ops concurrent with that op and an explanation in words.
 */
public final class LinearizabilityChecker implements Checker {
  private final CasRegisterSearch.Budget budget;

  public LinearizabilityChecker() {
    this(CasRegisterSearch.DEFAULT_BUDGET);
  }

  LinearizabilityChecker(CasRegisterSearch.Budget budget) {
    this.budget = budget;
  }

  /** One op of a key's subhistory: its invocation, its completion (null if none) and value. */
  record KeyOp(Op invoke, Op completion, String f, Object value, boolean info) {
    long call() {
      return invoke.index();
    }

    long ret() {
      return info ? Long.MAX_VALUE : completion.index();
    }
  }

  /** A key's ops in invocation order, and its search outcome. */
  record KeyCheck(Object key, List<KeyOp> ops, CasRegisterSearch.Outcome outcome, Object state, String error) {}

  /** One key's check, its verdict, and for a key that is not linearizable the explanation in words. */
  public record KeyVerdict(KeyCheck check, Validity valid, String explanation) {
    /** An undecided key's cause (its search's budget, or an error); null for a decided key. */
    String undecided() {
      if (valid != Validity.UNKNOWN) {
        return null;
      }
      return check.error() != null ? check.error() : "search budget exceeded: " + check.outcome().cause();
    }
  }

  /**
   * Each key's verdict (keys in order, by their text) and the keys that are not linearizable; the
   * verdict is the keys' merged. A key that is not linearizable is explained in {@code
   * linearizability/<key>.txt}.
   */
  public record Keys(Validity valid, Map<String, KeyVerdict> keys, List<Object> failures) implements Result, Explained {
    @Override
    public Map<String, Object> json() {
      Map<String, Object> results = new LinkedHashMap<>();
      keys.forEach((key, verdict) -> results.put(key, toJson(verdict)));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("results", results);
      details.put("failures", failures);
      return Result.entry(valid, details);
    }

    @Override
    public List<String> invalidParts() {
      List<String> parts = new ArrayList<>();
      keys.forEach((key, verdict) -> {
        if (verdict.valid() != Validity.TRUE) {
          parts.add("results " + key);
        }
      });
      return parts;
    }

    @Override
    public String folder() {
      return "linearizability";
    }

    /** Each key that is not linearizable, by a file name made of its text. */
    @Override
    public Map<String, String> texts() {
      Map<String, String> texts = new LinkedHashMap<>();
      keys.forEach((key, verdict) -> {
        if (verdict.explanation() != null) {
          texts.put(key.replaceAll("[^A-Za-z0-9._-]", "_"), verdict.explanation());
        }
      });
      return texts;
    }

    /** The keys not linearizable with the first's explanation begun, then the undecided keys with their causes. */
    @Override
    public List<String> summary(Path folder) {
      List<String> lines = new ArrayList<>();
      Map<String, String> texts = texts();
      if (!texts.isEmpty()) {
        Map.Entry<String, String> first = texts.entrySet().iterator().next();
        lines.add("  keys not linearizable " + texts.keySet() + "; first (" + folder.resolve(first.getKey() + ".txt") + "):");
        first.getValue().lines().limit(6).filter(l -> !l.isBlank()).forEach(l -> lines.add("    " + l));
      }
      List<String> undecided = undecidedKeys();
      if (!undecided.isEmpty()) {
        lines.add("  keys whose linearizability is unknown " + Result.abbreviate(undecided.toString(), 200) + " (see results.json)");
      }
      return lines;
    }

    /** Undecided keys, each with its cause. */
    List<String> undecidedKeys() {
      List<String> undecided = new ArrayList<>();
      keys.forEach((key, verdict) -> {
        if (verdict.undecided() != null) {
          undecided.add(key + ": " + verdict.undecided());
        }
      });
      return undecided;
    }

    @Override
    public String firstProblem() {
      Map<String, String> texts = texts();
      if (texts.isEmpty()) {
        return null;
      }
      Map.Entry<String, String> first = texts.entrySet().iterator().next();
      return "key " + first.getKey() + " not linearizable: "
          + Result.abbreviate(first.getValue().lines().filter(l -> l.startsWith("It cannot")).findFirst().orElse(""), 200);
    }
  }

  @Override
  public Keys check(List<Op> history) {
    Map<Object, List<KeyOp>> byKey = split(history);
    Map<String, KeyVerdict> keys = new LinkedHashMap<>();
    List<Object> failures = new ArrayList<>();
    Validity valid = Validity.TRUE;
    for (Map.Entry<Object, List<KeyOp>> e : byKey.entrySet()) {
      KeyCheck check;
      try {
        check = checkKey(e.getKey(), e.getValue(), budget);
      } catch (RuntimeException ex) {
        // As Jepsen's independent checker does: one key's crash makes that key unknown, not the run.
        check = new KeyCheck(e.getKey(), e.getValue(), null, null, String.valueOf(ex));
      }
      Validity v = validity(check);
      valid = valid.and(v);
      if (v == Validity.FALSE) {
        failures.add(e.getKey());
      }
      keys.put(String.valueOf(e.getKey()), new KeyVerdict(check, v, v == Validity.FALSE ? explain(check) : null));
    }
    return new Keys(valid, keys, failures);
  }

  static Validity validity(KeyCheck check) {
    if (check.error() != null) {
      return Validity.UNKNOWN;
    }
    return switch (check.outcome().status()) {
      case LINEARIZABLE -> Validity.TRUE;
      case NOT_LINEARIZABLE -> Validity.FALSE;
      case UNKNOWN -> Validity.UNKNOWN;
    };
  }

  /** Each key's ops, keys in order; nemesis and other ops without a [K v] value are left out. */
  static Map<Object, List<KeyOp>> split(List<Op> history) {
    Map<Object, List<KeyOp>> byKey = new TreeMap<>(JsonValues.ORDER);
    for (History.Pair pair : History.pairs(history)) {
      Op invoke = pair.invoke();
      if (!invoke.isClient() || !(invoke.value() instanceof List<?> tuple) || tuple.size() != 2) {
        continue;
      }
      Object key = JsonValues.canonical(tuple.get(0));
      Op done = pair.completion();
      List<KeyOp> ops = byKey.computeIfAbsent(key, k -> new ArrayList<>());
      if (done == null || done.type() == OpType.INFO) {
        ops.add(new KeyOp(invoke, done, invoke.f(), JsonValues.canonical(tuple.get(1)), true));
      } else if (done.type() == OpType.OK) {
        Object value = done.value() instanceof List<?> d && d.size() == 2 ? d.get(1) : tuple.get(1);
        ops.add(new KeyOp(invoke, done, invoke.f(), JsonValues.canonical(value), false));
      }
    }
    return byKey;
  }

  /** Searches one key. Reads that saw null and :info reads constrain nothing and are not searched. */
  static KeyCheck checkKey(Object key, List<KeyOp> ops, CasRegisterSearch.Budget budget) {
    Map<Object, Integer> ids = new HashMap<>();
    List<Object> values = new ArrayList<>();
    values.add(null);
    List<CasRegisterSearch.Call> calls = new ArrayList<>();
    List<KeyOp> searched = new ArrayList<>();
    try {
      for (KeyOp op : ops) {
        CasRegisterSearch.Call call =
            switch (op.f()) {
              case "read" -> op.info() || op.value() == null
                  ? null
                  : new CasRegisterSearch.Call(CasRegisterSearch.READ, intern(op.value(), ids, values), 0, op.call(), op.ret(), false);
              case "write" -> new CasRegisterSearch.Call(
                  CasRegisterSearch.WRITE, intern(op.value(), ids, values), 0, op.call(), op.ret(), op.info());
              case "cas" -> {
                if (!(op.value() instanceof List<?> fromTo) || fromTo.size() != 2) {
                  throw new IllegalArgumentException("cas value " + Json.write(op.value()) + " is not [from, to]");
                }
                yield new CasRegisterSearch.Call(CasRegisterSearch.CAS, intern(fromTo.get(0), ids, values),
                    intern(fromTo.get(1), ids, values), op.call(), op.ret(), op.info());
              }
              default -> throw new IllegalArgumentException("lin-kv has no op " + op.f());
            };
        if (call != null) {
          calls.add(call);
          searched.add(op);
        }
      }
    } catch (IllegalArgumentException e) {
      return new KeyCheck(key, ops, null, null, e.getMessage());
    }
    CasRegisterSearch.Outcome outcome = CasRegisterSearch.check(calls, budget);
    return new KeyCheck(key, searched, outcome, values.get(outcome.state()), null);
  }

  private static int intern(Object value, Map<Object, Integer> ids, List<Object> values) {
    if (value == null) {
      return 0;
    }
    return ids.computeIfAbsent(value, v -> {
      values.add(v);
      return values.size() - 1;
    });
  }

  /** A key's entry as Maelstrom's independent checker writes it: its verdict, {@code linearizable} and {@code timeline}. */
  static Map<String, Object> toJson(KeyVerdict verdict) {
    KeyCheck check = verdict.check();
    Map<String, Object> lin = new LinkedHashMap<>();
    if (check.error() != null) {
      lin.put("error", check.error());
    } else {
      CasRegisterSearch.Outcome o = check.outcome();
      if (o.status() == CasRegisterSearch.Status.UNKNOWN) {
        lin.put("cause", "search budget exceeded: " + o.cause());
      } else if (o.status() == CasRegisterSearch.Status.NOT_LINEARIZABLE) {
        KeyOp blocked = check.ops().get(o.blocked());
        lin.put("op", History.toJson(blocked.completion()));
        KeyOp previous = previousOk(check);
        lin.put("previous-ok", previous == null ? null : History.toJson(previous.completion()));
        List<Object> prefix = new ArrayList<>();
        for (int i : o.prefix()) {
          prefix.add(check.ops().get(i).invoke().index());
        }
        lin.put("linearized-prefix", prefix);
        lin.put("value-after-prefix", check.state());
        List<Object> concurrent = new ArrayList<>();
        for (KeyOp op : concurrent(check)) {
          concurrent.add(History.toJson(op.completion() == null ? op.invoke() : op.completion()));
        }
        lin.put("concurrent", concurrent);
        lin.put("final-paths", List.of());
        lin.put("explanation", verdict.explanation());
      }
      lin.put("steps", o.steps());
      lin.put("configurations", o.configurations());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("linearizable", Result.entry(verdict.valid(), lin));
    json.put("timeline", Result.entry(Validity.TRUE));
    return Result.entry(verdict.valid(), json);
  }

  private static KeyOp previousOk(KeyCheck check) {
    int[] prefix = check.outcome().prefix();
    for (int i = prefix.length - 1; i >= 0; i--) {
      KeyOp op = check.ops().get(prefix[i]);
      if (!op.info()) {
        return op;
      }
    }
    return null;
  }

  /** The ops not in the linearization found whose span overlaps the blocked op's: those that could have explained it. */
  static List<KeyOp> concurrent(KeyCheck check) {
    CasRegisterSearch.Outcome o = check.outcome();
    KeyOp blocked = check.ops().get(o.blocked());
    boolean[] placed = new boolean[check.ops().size()];
    for (int i : o.prefix()) {
      placed[i] = true;
    }
    List<KeyOp> out = new ArrayList<>();
    for (int i = 0; i < check.ops().size(); i++) {
      KeyOp op = check.ops().get(i);
      if (i != o.blocked() && !placed[i] && op.call() < blocked.ret() && op.ret() > blocked.call()) {
        out.add(op);
      }
    }
    return out;
  }

  /** A key's failure in words. */
  static String explain(KeyCheck check) {
    CasRegisterSearch.Outcome o = check.outcome();
    KeyOp blocked = check.ops().get(o.blocked());
    StringBuilder s = new StringBuilder();
    s.append("Key ").append(Json.write(check.key())).append(" is not linearizable (a register starting at null).\n\n");
    s.append("The longest linearization found places ").append(o.prefix().length).append(" op(s)");
    KeyOp previous = previousOk(check);
    if (previous != null) {
      s.append(", the last ok one being ").append(describe(previous));
    }
    s.append("; after them the register holds ").append(Json.write(check.state())).append(".\n\n");
    s.append("It cannot be extended past ").append(describe(blocked)).append(": ");
    switch (blocked.f()) {
      case "read" -> s.append("it returned ").append(Json.write(blocked.value()))
          .append(", but no order of the ops that may take effect before it completed leaves ")
          .append(Json.write(blocked.value())).append(" in the register at a point inside its span");
      case "cas" -> s.append("it succeeded, so the register must have held ")
          .append(Json.write(((List<?>) blocked.value()).get(0)))
          .append(" at a point inside its span, but no order of the ops that may take effect before it completed does that"
              + " (and still lets the later ops be placed)");
      default -> s.append("every way to place it before it completed leaves a later op that cannot be placed");
    }
    s.append(".\n");
    List<KeyOp> concurrent = concurrent(check);
    if (concurrent.isEmpty()) {
      s.append("\nNo other op was in flight while it ran, so nothing could have explained it.\n");
    } else {
      s.append("\nOps in flight while it ran, not in the linearization, that might have explained it:\n");
      for (KeyOp op : concurrent) {
        s.append("  ").append(describe(op)).append('\n');
      }
    }
    s.append("\nLinearization found (in order):\n");
    int shown = 0;
    int[] prefix = o.prefix();
    int from = Math.max(0, prefix.length - 20);
    if (from > 0) {
      s.append("  ... ").append(from).append(" earlier op(s)\n");
    }
    for (int i = from; i < prefix.length; i++) {
      s.append("  ").append(describe(check.ops().get(prefix[i]))).append('\n');
      shown++;
    }
    if (shown == 0) {
      s.append("  (none)\n");
    }
    return s.toString();
  }

  static String describe(KeyOp op) {
    String what =
        switch (op.f()) {
          case "read" -> "read of " + Json.write(op.value());
          case "write" -> "write of " + Json.write(op.value());
          case "cas" -> {
            List<?> ft = (List<?>) op.value();
            yield "cas from " + Json.write(ft.get(0)) + " to " + Json.write(ft.get(1));
          }
          default -> op.f() + " " + Json.write(op.value());
        };
    String status = op.info() ? (op.completion() == null ? "never completed" : "indeterminate") : "ok";
    String end = op.completion() == null ? "never" : "index " + op.completion().index() + " at " + millis(op.completion().time());
    return String.format(Locale.ROOT, "%s (%s) by process %d, invoked at index %d at %s, completed %s",
        what, status, op.invoke().process(), op.invoke().index(), millis(op.invoke().time()), end);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }
}
