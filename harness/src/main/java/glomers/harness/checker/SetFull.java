package glomers.harness.checker;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jepsen's {@code set-full} in its non-linearizable mode (docs/workloads.md#broadcast): follows every
 * added element through the reads that complete after its add was invoked, and sorts it into
 * stable (from some read on, always seen), lost (known to exist, then no longer seen) or never-read.
 * Only lost elements make the set invalid; late visibility is reported as staleness and latency.
 */
public final class SetFull implements Checker {
  private static final double[] QUANTILES = {0, 0.5, 0.95, 0.99, 1};
  private static final int WORST_STALE = 8;

  private final String addF;

  /** @param addF the op that adds one element: {@code "broadcast"} or {@code "add"} */
  public SetFull(String addF) {
    this.addF = addF;
  }

  /** What the history says about one element; read ops are invocations, known is a completion. */
  private static final class Element {
    final Object value;
    Op known;
    Op lastPresent;
    Op lastAbsent;

    Element(Object value) {
      this.value = value;
    }

    void added(Op completion) {
      if (completion.type() == OpType.OK && known == null) {
        known = completion;
      }
    }

    void read(boolean present, Op invoke, Op completion) {
      if (present) {
        if (known == null) {
          known = completion;
        }
        if (lastPresent == null || lastPresent.index() < invoke.index()) {
          lastPresent = invoke;
        }
      } else if (lastAbsent == null || lastAbsent.index() < invoke.index()) {
        lastAbsent = invoke;
      }
    }

    boolean stable() {
      return lastPresent != null && index(lastAbsent) < lastPresent.index();
    }

    // Absence only means loss once the element was known, and a read concurrent with the moment it
    // became known may have linearized before it: hence both index comparisons.
    boolean lost() {
      return known != null
          && lastAbsent != null
          && index(lastPresent) < lastAbsent.index()
          && known.index() < lastAbsent.index();
    }

    long stableLatencyMillis() {
      return latencyAfter(lastAbsent);
    }

    long lostLatencyMillis() {
      return latencyAfter(lastPresent);
    }

    // The element settled just after the last read that disagreed with its final state began.
    private long latencyAfter(Op lastContrary) {
      long settled = lastContrary == null ? 0 : lastContrary.time() + 1;
      return Math.max(0, settled - known.time()) / 1_000_000L;
    }

    private static long index(Op op) {
      return op == null ? -1 : op.index();
    }
  }

  @Override
  public Outcome check(List<Op> history) {
    Map<Object, Element> byValue = new HashMap<>();
    List<Element> elements = new ArrayList<>();
    Map<Integer, Op> pending = new HashMap<>();
    for (Op op : history) {
      if (!op.isClient()) {
        continue;
      }
      if (op.isInvoke()) {
        pending.put(op.process(), op);
        if (addF.equals(op.f())) {
          Element element = new Element(JsonValues.canonical(op.value()));
          // A value added twice is tracked from its latest add, as Jepsen does.
          Element previous = byValue.put(element.value, element);
          if (previous != null) {
            elements.remove(previous);
          }
          elements.add(element);
        }
        continue;
      }
      Op invoke = pending.remove(op.process());
      if (addF.equals(op.f())) {
        Object value = JsonValues.canonical(invoke != null ? invoke.value() : op.value());
        Element element = byValue.get(value);
        if (element != null) {
          element.added(op);
        }
      } else if ("read".equals(op.f()) && op.type() == OpType.OK && invoke != null) {
        Set<Object> seen = readSet(op.value());
        for (Element element : elements) {
          element.read(seen.contains(element.value), invoke, op);
        }
      }
    }
    return results(elements);
  }

  private static Set<Object> readSet(Object value) {
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof Collection<?> values)) {
      throw new IllegalArgumentException("A read returned " + value + ", which is not a collection");
    }
    Set<Object> seen = new HashSet<>();
    for (Object v : values) {
      seen.add(JsonValues.canonical(v));
    }
    return seen;
  }

  /** Quantiles 0, 0.5, 0.95, 0.99 and 1 of some latencies, in ms. */
  public record Latencies(long min, long median, long p95, long p99, long max) {
    Map<String, Object> json() {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("0", min);
      q.put("0.5", median);
      q.put("0.95", p95);
      q.put("0.99", p99);
      q.put("1", max);
      return q;
    }
  }

  /** An element that reached every read late: {@code known} is when it was known, the last read without it began at {@code lastAbsent}. */
  public record Stale(Object element, long stableLatency, Op known, Op lastAbsent) {
    Map<String, Object> json() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("element", element);
      d.put("outcome", "stable");
      d.put("stable-latency", stableLatency);
      d.put("lost-latency", null);
      d.put("known", History.toJson(known));
      d.put("last-absent", lastAbsent == null ? null : History.toJson(lastAbsent));
      return d;
    }
  }

  /**
   * The elements by outcome, in element order: {@code lost} invalidates the set, no stable element
   * leaves it unknown. Latencies are null when no element had that outcome.
   */
  public record Outcome(Validity valid, long attemptCount, long stableCount, List<Object> lost, List<Object> neverRead,
      List<Object> stale, List<Stale> worstStale, Latencies stableLatencies, Latencies lostLatencies) implements Result {
    @Override
    public Map<String, Object> json() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("attempt-count", attemptCount);
      details.put("stable-count", stableCount);
      details.put("lost-count", (long) lost.size());
      details.put("lost", lost);
      details.put("never-read-count", (long) neverRead.size());
      details.put("never-read", neverRead);
      details.put("stale-count", (long) stale.size());
      details.put("stale", stale);
      details.put("worst-stale", worstStale.stream().map(Stale::json).toList());
      if (stableLatencies != null) {
        details.put("stable-latencies", stableLatencies.json());
      }
      if (lostLatencies != null) {
        details.put("lost-latencies", lostLatencies.json());
      }
      // This Jepsen version never flags duplicates within a read; the keys stay for the same shape.
      details.put("duplicated-count", 0L);
      details.put("duplicated", Map.of());
      return Result.entry(valid, details);
    }

    @Override
    public List<String> keyFigures() {
      List<String> figures = new ArrayList<>();
      if (stableLatencies != null) {
        figures.add("stable-latencies: " + Json.write(stableLatencies.json()));
      }
      figures.add("lost-count: " + lost.size());
      figures.add("stable-count: " + stableCount);
      figures.add("never-read-count: " + neverRead.size());
      figures.add("duplicated-count: 0");
      return figures;
    }
  }

  private static Outcome results(List<Element> elements) {
    List<Element> sorted = new ArrayList<>(elements);
    sorted.sort(Comparator.comparing(e -> e.value, JsonValues.ORDER));
    long stable = 0;
    List<Object> lost = new ArrayList<>();
    List<Object> neverRead = new ArrayList<>();
    List<Element> stale = new ArrayList<>();
    List<Long> stableLatencies = new ArrayList<>();
    List<Long> lostLatencies = new ArrayList<>();
    for (Element e : sorted) {
      if (e.stable()) {
        stable++;
        long latency = e.stableLatencyMillis();
        stableLatencies.add(latency);
        if (latency > 0) {
          stale.add(e);
        }
      } else if (e.lost()) {
        lost.add(e.value);
        lostLatencies.add(e.lostLatencyMillis());
      } else {
        neverRead.add(e.value);
      }
    }
    // Jepsen sorts stably by latency, then reverses: among equal latencies the larger element comes first.
    List<Element> worst = new ArrayList<>(stale);
    worst.sort(Comparator.comparingLong(Element::stableLatencyMillis));
    Collections.reverse(worst);
    List<Stale> worstStale = new ArrayList<>();
    for (Element e : worst.subList(0, Math.min(WORST_STALE, worst.size()))) {
      worstStale.add(new Stale(e.value, e.stableLatencyMillis(), e.known, e.lastAbsent));
    }
    List<Object> staleValues = new ArrayList<>();
    stale.forEach(e -> staleValues.add(e.value));

    Validity valid = !lost.isEmpty() ? Validity.FALSE : stable == 0 ? Validity.UNKNOWN : Validity.TRUE;
    return new Outcome(valid, sorted.size(), stable, lost, neverRead, staleValues, worstStale, quantiles(stableLatencies),
        quantiles(lostLatencies));
  }

  /** Jepsen's frequency distribution: quantile(p) = sorted[min(n-1, floor(n*p))]; null for none. */
  static Latencies quantiles(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    long[] q = new long[QUANTILES.length];
    for (int i = 0; i < QUANTILES.length; i++) {
      q[i] = sorted.get(Math.min(n - 1, (int) Math.floor(n * QUANTILES[i])));
    }
    return new Latencies(q[0], q[1], q[2], q[3], q[4]);
  }
}
