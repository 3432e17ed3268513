package glomers.harness.view;

import glomers.harness.checker.History;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * lin-kv's failing keys drawn as Porcupine draws them: one row per process, each op a bar from its
 * invocation to its completion on a shared time axis, around the point where the search got stuck.
 * Ops of the longest linearization found are green and numbered in their linearized order, the op
 * that cannot be placed is red, ops in flight with it that might have explained it are amber, and
 * {@code :info} ops (which may take effect any time after their call, or never) run dashed to the
 * right edge. The key's explanation in words follows each drawing.
 */
final class LinearizabilityView {
  static final int WIDTH = 1100;
  static final int LEFT = 70;
  static final int ROW = 24;
  static final int MAX_KEYS = 5;

  private LinearizabilityView() {}

  /** The section, or an empty string when no key failed. */
  static String section(RunData run) {
    if (!(run.results() != null && run.results().get("workload") instanceof Map<?, ?> w
        && w.get("results") instanceof Map<?, ?> keys)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int shown = 0;
    int failing = 0;
    for (Map.Entry<?, ?> e : keys.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> r) || !(r.get("linearizable") instanceof Map<?, ?> lin)
          || Result.validityOf(lin) != Validity.FALSE) {
        continue;
      }
      failing++;
      if (shown++ >= MAX_KEYS) {
        continue;
      }
      String key = String.valueOf(e.getKey());
      out.append("<details").append(shown == 1 ? " open" : "").append(" id=\"lin-key-").append(Html.esc(key)).append("\"><summary>key ")
          .append(Html.esc(key)).append(" is not linearizable</summary>\n");
      out.append(svg(run.ops(), key, lin));
      if (lin.get("explanation") instanceof String text) {
        out.append("<pre>").append(Anomalies.links(Html.esc(Html.abbreviate(text, 20_000)), null)).append("</pre>");
      }
      out.append("</details>\n");
    }
    if (failing == 0) {
      return "";
    }
    StringBuilder section = new StringBuilder("<section id=\"linearizability\"><h2>Linearizability: ")
        .append(failing).append(" key(s) failed</h2>");
    if (failing > MAX_KEYS) {
      section.append("<p>The first ").append(MAX_KEYS).append(" are drawn; all are explained in linearizability/.</p>");
    }
    section.append("<p><span style=\"color:#2e7d32\">■</span> linearized (number = order) ")
        .append("<span style=\"color:#c62828\">■</span> cannot be placed ")
        .append("<span style=\"color:#ef8f00\">■</span> in flight with it, not linearized ")
        .append("<span style=\"color:#9e9e9e\">■</span> other; dashed: <code>:info</code>, may take effect any time after its call, or never</p>");
    return section.append(out).append("</section>\n").toString();
  }

  private record Bar(Op invoke, Op completion, long start, long end, boolean info, String label) {}

  static String svg(List<Op> history, String key, Map<?, ?> lin) {
    Map<Long, Integer> order = new HashMap<>();
    if (lin.get("linearized-prefix") instanceof List<?> prefix) {
      for (int i = 0; i < prefix.size(); i++) {
        order.put(((Number) prefix.get(i)).longValue(), i + 1);
      }
    }
    long blocked = lin.get("op") instanceof Map<?, ?> op && op.get("index") instanceof Number n ? n.longValue() : -1;
    Set<Long> concurrent = new HashSet<>();
    if (lin.get("concurrent") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("index") instanceof Number n) {
          concurrent.add(n.longValue());
        }
      }
    }
    List<Bar> bars = new ArrayList<>();
    long historyEnd = history.isEmpty() ? 0 : history.get(history.size() - 1).time();
    for (History.Pair pair : History.pairs(history)) {
      Op invoke = pair.invoke();
      Op done = pair.completion();
      if (!invoke.isClient() || !(invoke.value() instanceof List<?> t) || t.size() != 2
          || !key.equals(String.valueOf(JsonValues.canonical(t.get(0))))
          || (done != null && done.type() == OpType.FAIL)) {
        continue;
      }
      boolean info = done == null || done.type() == OpType.INFO;
      Object value = !info && done.value() instanceof List<?> d && d.size() == 2 ? d.get(1) : t.get(1);
      String label = switch (invoke.f()) {
        case "read" -> "r " + (info ? "?" : Json.write(value));
        case "write" -> "w " + Json.write(value);
        case "cas" -> value instanceof List<?> ft && ft.size() == 2 ? "cas " + Json.write(ft.get(0)) + "→" + Json.write(ft.get(1)) : "cas";
        default -> invoke.f();
      };
      bars.add(new Bar(invoke, done, invoke.time(), info ? historyEnd : done.time(), info, label));
    }
    Bar stuck = null;
    for (Bar b : bars) {
      if (b.completion() != null && b.completion().index() == blocked) {
        stuck = b;
      }
    }
    if (stuck == null) {
      return "<p>(the key's ops are not in this run's history)</p>";
    }
    // The window: the stuck op, the ops in flight with it, and the last dozen linearized ops.
    long from = stuck.start();
    long to = stuck.end();
    int last = order.size();
    for (Bar b : bars) {
      Integer pos = order.get(b.invoke().index());
      boolean relevant = (pos != null && pos > last - 12) || concurrent.contains(index(b));
      if (relevant) {
        from = Math.min(from, b.start());
        to = Math.max(to, b.info() ? stuck.end() : b.end());
      }
    }
    long span = Math.max(1, to - from);
    long left = from - span / 20;
    long right = to + span / 20;
    TreeSet<Integer> processes = new TreeSet<>();
    List<Bar> shown = new ArrayList<>();
    for (Bar b : bars) {
      if (b.start() <= right && b.end() >= left) {
        shown.add(b);
        processes.add(b.invoke().process());
      }
    }
    List<Integer> rows = new ArrayList<>(processes);
    int height = 30 + rows.size() * ROW + 20;
    double scale = (WIDTH - LEFT - 10) / (double) (right - left);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"key ").append(Html.esc(key))
        .append(" history around the op that cannot be linearized\">");
    for (int i = 0; i <= 4; i++) {
      long t = left + (right - left) * i / 4;
      double x = LEFT + (t - left) * scale;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>", x, x, height - 15));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%.1f ms</text>", x, height - 3, t / 1e6));
    }
    for (int r = 0; r < rows.size(); r++) {
      svg.append("<text x=\"4\" y=\"").append(30 + r * ROW + 14).append("\">process ").append(rows.get(r)).append("</text>");
    }
    for (Bar b : shown) {
      int r = rows.indexOf(b.invoke().process());
      double x1 = LEFT + (Math.max(b.start(), left) - left) * scale;
      double x2 = LEFT + (Math.min(b.end(), right) - left) * scale;
      double w = Math.max(2, x2 - x1);
      int y = 30 + r * ROW;
      Integer pos = order.get(b.invoke().index());
      String fill = b == stuck ? "#c62828" : pos != null ? "#2e7d32" : concurrent.contains(index(b)) ? "#ef8f00" : "#9e9e9e";
      String title = b.label() + " by process " + b.invoke().process() + ", invoked at index " + b.invoke().index()
          + (b.completion() == null ? ", never completed" : ", " + b.completion().type().wire() + " at index " + b.completion().index())
          + (pos != null ? "; linearized #" + pos : "") + (b == stuck ? "; cannot be placed" : "");
      svg.append(String.format(Locale.ROOT,
          "<g><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\" fill-opacity=\"%s\"%s/>",
          Html.esc(title), x1, y, w, ROW - 6, fill, b.info() ? "0.35" : "0.85",
          b.info() ? " stroke=\"" + fill + "\" stroke-dasharray=\"4 3\"" : ""));
      String text = (pos != null ? "#" + pos + " " : "") + b.label();
      if (w > text.length() * 6) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>", x1 + 3, y + 13,
            b.info() ? "#000" : "#fff", Html.esc(text)));
      }
      svg.append("</g>");
    }
    return svg.append("</svg>\n").toString();
  }

  private static long index(Bar b) {
    return b.completion() == null ? b.invoke().index() : b.completion().index();
  }
}
