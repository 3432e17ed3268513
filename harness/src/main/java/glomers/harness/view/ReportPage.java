package glomers.harness.view;

import com.fasterxml.jackson.databind.SerializationFeature;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.json.Json;
import glomers.harness.view.RunData.Message;
import glomers.harness.view.RunData.OpSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index.html}: the run's report in one self-contained file (no network access, no external
 * file needed): verdict, then what went wrong in prose with links to the ops it names ({@link
 * Anomalies}), key figures against the run's limits, options and seed, the plots as data URIs,
 * links to the run's files, and the interactive message view and ops table (vanilla JS on a
 * canvas, inlined) with the journal embedded as JSON. Times count from the first op.
 */
public final class ReportPage {
  static final String[] PLOTS = {"latency-raw.png", "latency-quantiles.png", "rate.png"};

  /** What a few well-known result keys mean, shown next to them. */
  private static final Map<String, String> EXPLAIN = Map.ofEntries(
      Map.entry("lost-count", "values whose broadcast (or add) was acknowledged but that are missing from the final reads"),
      Map.entry("lost", "acknowledged values missing from the final reads"),
      Map.entry("never-read-count", "values no read ever returned"),
      Map.entry("stale-count", "values that took a while to appear in every node's reads"),
      Map.entry("duplicated-count", "values returned more than once by one read"),
      Map.entry("unexpected-count", "values read that no client ever sent"),
      Map.entry("duplicated", "ids generated more than once"),
      Map.entry("bad-reads", "reads outside the acceptable range of values"),
      Map.entry("error", "the checker threw: its stack trace follows"));

  private ReportPage() {}

  public static void write(Path dir, RunData run, List<OpSpan> spans, List<Message> sorted, Columns columns) throws IOException {
    Anomalies anomalies = Anomalies.of(dir, run);
    write(dir, run, anomalies, data(run, spans, sorted, columns, anomalies));
  }

  /** The embedded data, built apart so that it can be built while the plots are still being drawn. */
  static StringBuilder data(RunData run, List<OpSpan> spans, List<Message> sorted, Columns columns, Anomalies anomalies) {
    StringBuilder data = new StringBuilder(1 << 20);
    data(data, run, spans, sorted, columns, anomalies);
    return data;
  }

  static void write(Path dir, RunData run, Anomalies anomalies, StringBuilder data) throws IOException {
    StringBuilder page = new StringBuilder(1 << 20);
    Map<String, Object> results = run.results();
    String verdict = verdict(run);
    String name = dir.toRealPath().getFileName().toString();
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data: 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">")
        .append("<title>").append(Html.esc(run.workload())).append(" run ").append(Html.esc(name)).append("</title>\n<style>")
        .append(resource("report.css")).append("</style></head><body>\n");
    page.append("<header><h1>").append(Html.esc(run.workload())).append(" · ").append(Html.esc(name))
        .append("</h1><span id=\"verdict\" class=\"verdict v-").append(verdict).append("\">")
        .append(Html.esc(verdictText(run, verdict))).append("</span>");
    if (run.info().get("crash") != null) {
      page.append(" <span class=\"miss\">Run aborted: ").append(Html.esc(run.info().get("crash"))).append("</span>");
    }
    page.append("</header>\n<main>\n");
    // The failure first, in words; then lin-kv's drawing of a key that is not linearizable.
    page.append(anomalies.html);
    page.append(LinearizabilityView.section(run));
    figures(page, run);
    checkerResults(page, results);
    options(page, run);
    page.append("<section class=\"plots\" id=\"plots\"><h2>Plots</h2><p class=\"muted\">x axis: ").append(Plots.X_LABEL)
        .append("; one marker shape per <code>f</code>, one colour per outcome (ok blue, info orange, fail red).</p>");
    for (String plot : PLOTS) {
      Path file = dir.resolve(plot);
      if (Files.exists(file)) {
        page.append("<img alt=\"").append(plot).append("\" title=\"").append(plot).append("\" width=\"").append(Plots.WIDTH)
            .append("\" height=\"").append(Plots.HEIGHT).append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(Files.readAllBytes(file))).append("\">");
      }
    }
    page.append("</section>\n");
    links(page, dir);
    messageView(page);
    page.append("<script type=\"application/json\" id=\"run-data\">");
    page.append(data);
    page.append("</script>\n<script>").append(resource("report.js")).append("</script>\n</main></body></html>\n");
    try (Writer out = Files.newBufferedWriter(dir.resolve("index.html"), StandardCharsets.UTF_8)) {
      out.append(page);
    }
  }

  static String verdict(RunData run) {
    if (run.results() == null) {
      return "crashed";
    }
    return String.valueOf(Result.validityOf(run.results()).json());
  }

  private static String verdictText(RunData run, String verdict) {
    return switch (verdict) {
      case "true" -> "valid";
      case "false" -> "invalid";
      case "unknown" -> "unknown";
      default -> "crashed";
    };
  }

  @SuppressWarnings("unchecked")
  private static Object at(Object root, String... path) {
    Object at = root;
    for (String key : path) {
      if (!(at instanceof Map<?, ?> m)) {
        return null;
      }
      at = ((Map<String, Object>) m).get(key);
    }
    return at;
  }

  private static void row(StringBuilder page, String name, Object value, String limit, Boolean met) {
    Object shown = value instanceof Double d ? round(d) : value;
    page.append("<tr><th>").append(Html.esc(name)).append("</th><td class=\"fig\">").append(Html.esc(shown == null ? "–" : shown))
        .append("</td><td>").append(limit == null ? "" : Html.esc(limit)).append("</td><td>");
    if (met != null) {
      page.append(met ? "<span class=\"met\">ok</span>" : "<span class=\"miss\">missed</span>");
    }
    page.append("</td></tr>\n");
  }

  /** At most three decimals: msgs-per-op is a 32-bit float printed as 22.917203903198242. */
  static String round(double d) {
    return new java.math.BigDecimal(d).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static void figures(StringBuilder page, RunData run) {
    Map<String, Object> r = run.results();
    page.append("<section id=\"figures\"><h2>Key figures</h2>");
    if (r == null) {
      page.append("<p>The run crashed before its analysis: no results. The history, journal and node logs below show how far it got.</p></section>\n");
      return;
    }
    page.append("<table><tr><th>figure</th><th>value</th><th>limit</th><th></th></tr>\n");
    row(page, "client ops", at(r, "stats", "count") + " (ok " + at(r, "stats", "ok-count") + ", fail " + at(r, "stats", "fail-count")
        + ", info " + at(r, "stats", "info-count") + ")", null, null);
    Object availability = run.info().get("availability");
    row(page, "availability (ok fraction)", at(r, "availability", "ok-fraction"),
        availability == null ? null : "--availability " + availability,
        availability == null ? null : at(r, "availability") instanceof Map<?, ?> a && Result.validityOf(a) == Validity.TRUE);
    row(page, "servers msgs-per-op", at(r, "net", "servers", "msgs-per-op"), null, null);
    row(page, "all msgs-per-op", at(r, "net", "all", "msgs-per-op"), null, null);
    row(page, "messages (all / servers / clients)", at(r, "net", "all", "msg-count") + " / " + at(r, "net", "servers", "msg-count")
        + " / " + at(r, "net", "clients", "msg-count"), null, null);
    if (at(r, "perf", "ok-latency-ms", "all") instanceof Map<?, ?> q) {
      row(page, "latency of ok ops, ms (median / 95% / 99% / max)", q.get("0.5") + " / " + q.get("0.95") + " / " + q.get("0.99") + " / " + q.get("1"), null, null);
    }
    if (at(r, "workload", "stable-latencies") instanceof Map<?, ?> q) {
      row(page, "stable latencies, ms (median / 95% / 99% / max)", q.get("0.5") + " / " + q.get("0.95") + " / " + q.get("0.99") + " / " + q.get("1"), null, null);
    }
    for (Map.Entry<String, Object> e : r.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> sub) {
        Validity valid = Result.validityOf(sub);
        row(page, e.getKey() + " " + Result.VALID, valid.json(), null, valid == Validity.UNKNOWN ? null : valid == Validity.TRUE);
      }
    }
    page.append("</table><p class=\"muted\">Limits shown are the ones the run was given (--availability); the challenges' limits on msgs-per-op and latencies are applied by <code>maelstrom check</code>.</p></section>\n");
  }

  @SuppressWarnings("unchecked")
  private static void options(StringBuilder page, RunData run) {
    page.append("<section id=\"options\"><h2>Options and seed</h2><table>");
    Object seed = run.info().get("seed");
    row(page, "seed", seed + " (repeat with --seed " + seed + ")", null, null);
    if (run.info().get("options") instanceof Map<?, ?> options) {
      ((Map<String, Object>) options).forEach((k, v) -> row(page, k, v instanceof String ? v : Json.write(v), null, null));
    }
    page.append("</table></section>\n");
  }

  /** Each checker that is not valid, in full as results.json has it, folded away below the prose. */
  private static void checkerResults(StringBuilder page, Map<String, Object> results) {
    if (results == null || Result.validityOf(results) == Validity.TRUE) {
      return;
    }
    page.append("<section id=\"checker-results\"><h2>Checker results in full</h2>");
    for (Map.Entry<String, Object> e : results.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> sub) || Result.validityOf(sub) == Validity.TRUE) {
        continue;
      }
      page.append("<details><summary>").append(Html.esc(e.getKey())).append(": ").append(Result.VALID).append(" ").append(Html.esc(Result.validityOf(sub).json()))
          .append("</summary><ul>");
      for (Map.Entry<?, ?> field : sub.entrySet()) {
        String key = String.valueOf(field.getKey());
        if (Result.VALID.equals(key)) {
          continue;
        }
        String explanation = EXPLAIN.get(key);
        page.append("<li><b>").append(Html.esc(key)).append("</b>");
        if (explanation != null) {
          page.append(" — ").append(Html.esc(explanation));
        }
        page.append("<pre>").append(Html.esc(Html.abbreviate(pretty(field.getValue()), 20_000))).append("</pre></li>");
      }
      page.append("</ul></details>");
    }
    page.append("</section>\n");
  }

  private static String pretty(Object value) {
    try {
      return Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (IOException e) {
      return String.valueOf(value);
    }
  }

  private static void links(StringBuilder page, Path dir) throws IOException {
    page.append("<section class=\"links\" id=\"files\"><h2>Files</h2><p>");
    for (String file : List.of("results.json", "history.txt", "history.jsonl", "jepsen.log", "net-journal/journal.jsonl",
        "messages.svg", "timeline.html", "latency-raw.png", "latency-quantiles.png", "rate.png", "run.json")) {
      if (Files.exists(dir.resolve(file))) {
        page.append("<a href=\"").append(file).append("\">").append(file).append("</a> ");
      }
    }
    page.append("</p><p>node logs and explanations: ");
    for (String sub : List.of("node-logs", "elle", "kafka", "linearizability")) {
      Path folder = dir.resolve(sub);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (var files = Files.list(folder)) {
        for (Path f : files.sorted().toList()) {
          String rel = sub + "/" + f.getFileName();
          page.append("<a href=\"").append(Html.esc(rel)).append("\">").append(Html.esc(rel)).append("</a> ");
        }
      }
    }
    page.append("</p></section>\n");
  }

  private static void messageView(StringBuilder page) {
    page.append("""
        <section id="messages"><h2>Messages</h2>
        <div class="controls">
          <label>from <input id="mv-from" type="number" step="0.001"> s after the first op</label>
          <label>length <input id="mv-len" type="number" step="0.001" min="0.0001"> s</label>
          <button id="mv-prev">&#8592; earlier</button><button id="mv-next">later &#8594;</button>
          <button id="mv-in">zoom in</button><button id="mv-out">zoom out</button><button id="mv-all">whole run</button>
          <button id="mv-clear">clear selection</button>
          <span id="mv-count" class="muted"></span>
        </div>
        <div>columns <button data-all="cols" data-v="1">all</button><button data-all="cols" data-v="0">none</button>
          <div class="filters" id="mv-cols"></div></div>
        <div>message types <button data-all="types" data-v="1">all</button><button data-all="types" data-v="0">none</button>
          <div class="filters" id="mv-types"></div></div>
        <div id="mv"><div id="mv-left"><canvas id="mv-canvas"></canvas></div>
        <div id="mv-side"><div id="mv-detail" class="muted">Click an arrow to see its message; click a client op below to see the messages that served it.</div></div></div>
        <p class="muted">Time goes down, in seconds since the first op (init and setup come before 0); all clients share the first column; a dashed red arrow ending in a cross at its destination is a message never delivered (dropped by a partition, or sent to a dead node); light red bands are partitions, a hatched grey column a killed node until its restart answered, a blue column a paused node; a yellow band is the selected op. The window counts messages by their send time.</p>
        <h2>Client ops</h2>
        <p class="muted">op: the history index the explanations use (the completion's); a red edge marks an op an explanation names. Click a row to see its messages.</p>
        <div id="ops-wrap"><table id="ops"><thead><tr><th>op</th><th>process</th><th>f</th><th>value</th><th>outcome</th><th>invoked (s)</th><th>latency (ms)</th><th>node</th></tr></thead><tbody id="ops-body"></tbody></table></div>
        </section>
        """);
  }

  /** The embedded data: members and columns, the messages column by column, their bodies, the client ops, the partitions, the kills and pauses. */
  private static void data(StringBuilder out, RunData run, List<OpSpan> spans, List<Message> sorted, Columns columns,
      Anomalies anomalies) {
    Map<String, Integer> members = new LinkedHashMap<>();
    Map<String, Integer> types = new LinkedHashMap<>();
    Map<Long, Integer> position = new HashMap<>(sorted.size() * 2);
    int[] src = new int[sorted.size()];
    int[] dest = new int[sorted.size()];
    int[] type = new int[sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      Message m = sorted.get(i);
      src[i] = members.computeIfAbsent(m.src(), k -> members.size());
      dest[i] = members.computeIfAbsent(m.dest(), k -> members.size());
      type[i] = types.computeIfAbsent(m.type(), k -> types.size());
      position.put(m.id(), i);
    }
    for (OpSpan s : spans) {
      if (s.node() != null) {
        members.computeIfAbsent(s.node(), k -> members.size());
      }
    }
    out.append("{\"columns\":").append(Html.scriptSafe(Json.write(columns.names)));
    out.append(",\"members\":").append(Html.scriptSafe(Json.write(List.copyOf(members.keySet()))));
    out.append(",\"memberCol\":[");
    int k = 0;
    for (String member : members.keySet()) {
      out.append(k++ == 0 ? "" : ",").append(columns.of(member));
    }
    out.append("],\"types\":").append(Html.scriptSafe(Json.write(List.copyOf(types.keySet()))));
    out.append(",\"m\":{\"id\":[");
    for (int i = 0; i < sorted.size(); i++) {
      out.append(i == 0 ? "" : ",").append(sorted.get(i).id());
    }
    ints(out.append("],\"src\":["), src);
    ints(out.append("],\"dest\":["), dest);
    ints(out.append("],\"type\":["), type);
    out.append("],\"send\":[");
    for (int i = 0; i < sorted.size(); i++) {
      out.append(i == 0 ? "" : ",").append(sorted.get(i).send());
    }
    out.append("],\"recv\":[");
    for (int i = 0; i < sorted.size(); i++) {
      Message m = sorted.get(i);
      out.append(i == 0 ? "" : ",");
      if (m.delivered()) {
        out.append(m.recv());
      } else {
        out.append("null");
      }
    }
    out.append("]},\"bodies\":[");
    for (int i = 0; i < sorted.size(); i++) {
      out.append(i == 0 ? "" : ",").append(Html.scriptSafe(sorted.get(i).body()));
    }
    out.append("],\"ops\":");
    List<Integer> p = new ArrayList<>();
    List<String> f = new ArrayList<>();
    List<String> v = new ArrayList<>();
    List<String> o = new ArrayList<>();
    List<Long> s = new ArrayList<>();
    List<Long> e = new ArrayList<>();
    List<String> n = new ArrayList<>();
    List<Integer> rq = new ArrayList<>();
    List<Integer> rp = new ArrayList<>();
    List<Long> index = new ArrayList<>();
    List<Long> invokeIndex = new ArrayList<>();
    for (OpSpan span : spans) {
      // An op is known by its completion's index (Elle's and the summary's "op N"), else its invocation's.
      index.add(span.completion() == null ? span.invoke().index() : span.completion().index());
      invokeIndex.add(span.invoke().index());
      p.add(span.invoke().process());
      f.add(span.invoke().f());
      Object value = span.completion() != null && span.completion().value() != null ? span.completion().value() : span.invoke().value();
      String text = Html.brief(value, 120);
      if (span.completion() != null && span.completion().error() != null) {
        text += " " + Html.brief(span.completion().error(), 120);
      }
      v.add(text);
      o.add(span.outcome());
      s.add(span.startMicros());
      e.add(span.completion() == null ? null : span.completion().time() / 1000);
      n.add(span.node());
      rq.add(span.request() == null ? -1 : position.getOrDefault(span.request().id(), -1));
      rp.add(span.reply() == null ? -1 : position.getOrDefault(span.reply().id(), -1));
    }
    Map<String, Object> ops = new LinkedHashMap<>();
    ops.put("i", index);
    ops.put("ii", invokeIndex);
    ops.put("p", p);
    ops.put("f", f);
    ops.put("v", v);
    ops.put("o", o);
    ops.put("s", s);
    ops.put("e", e);
    ops.put("n", n);
    ops.put("rq", rq);
    ops.put("rp", rp);
    out.append(Html.scriptSafe(Json.write(ops)));
    out.append(",\"nemesis\":").append(Json.write(run.nemesisPeriods()));
    // Kills and pauses: [f, start, end, nodes], nodes empty when a failed op did not say which.
    List<List<Object>> faults = new ArrayList<>();
    for (RunData.FaultPeriod period : run.faultPeriods()) {
      if (period.kind() != RunData.FaultKind.PARTITION) {
        faults.add(List.of(period.kind() == RunData.FaultKind.KILL ? "kill" : "pause", period.start(), period.end(), period.nodes()));
      }
    }
    out.append(",\"faults\":").append(Html.scriptSafe(Json.write(faults)));
    out.append(",\"named\":").append(Json.write(List.copyOf(anomalies.named)));
    out.append(",\"focus\":").append(anomalies.focus).append("}");
  }

  private static void ints(StringBuilder out, int[] values) {
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ",").append(values[i]);
    }
  }

  static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
