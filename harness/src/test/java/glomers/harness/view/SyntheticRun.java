package glomers.harness.view;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import glomers.harness.report.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small stored run written by hand: two nodes, two client processes, {@code ops} broadcast ops
 * 100 ms apart, each served by a request, one gossip message and a reply, one dropped gossip, and
 * a partition from 0.25 s to 0.55 s. The main phase starts 1 s after the journal opens.
 */
final class SyntheticRun {
  static final long OFFSET_NS = 1_000_000_000L;
  final Path dir;
  final int ops;
  final List<Op> history = new ArrayList<>();
  int messages;

  SyntheticRun(Path dir, int ops, Map<String, Object> results) throws IOException {
    this(dir, ops, results, List.of());
  }

  /** The same run with {@code faults} (nemesis ops, times in ns on the history's clock) in its history. */
  SyntheticRun(Path dir, int ops, Map<String, Object> results, List<Op> faults) throws IOException {
    this.dir = dir;
    this.ops = ops;
    Files.createDirectories(dir.resolve("net-journal"));
    Files.createDirectories(dir.resolve("node-logs"));
    Files.writeString(dir.resolve("node-logs/n0.log"), "hello from n0\n");
    StringBuilder journal = new StringBuilder();
    int id = 0;
    // init, before the main phase: negative times on the history's clock
    for (String node : List.of("n0", "n1")) {
      journal.append(line(1_000_000, "send", id, "c" + id, node, "{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"" + node + "\"}"));
      journal.append(line(1_000_000, "recv", id, "c" + id, node, "{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"" + node + "\"}"));
      id++;
      messages++;
    }
    history.add(op(250_000_000L, OpType.INFO, Op.NEMESIS, "start-partition", "majority"));
    for (int i = 0; i < ops; i++) {
      int process = i % 2;
      String node = "n" + process;
      String client = "c" + (10 + process);
      long t = 100_000_000L * i + 10_000_000L;
      history.add(op(t, OpType.INVOKE, process, "broadcast", (long) i));
      long j = t + OFFSET_NS + 20_000;
      String request = "{\"type\":\"broadcast\",\"message\":" + i + ",\"msg_id\":" + (i + 1) + "}";
      journal.append(line(j, "send", id, client, node, request)).append(line(j, "recv", id, client, node, request));
      id++;
      String gossip = "{\"type\":\"gossip\",\"values\":[" + i + "],\"msg_id\":" + (1000 + i) + "}";
      journal.append(line(j + 1_000_000, "send", id, node, "n" + (1 - process), gossip));
      journal.append(line(j + 2_000_000, "recv", id, node, "n" + (1 - process), gossip));
      id++;
      String reply = "{\"type\":\"broadcast_ok\",\"in_reply_to\":" + (i + 1) + "}";
      journal.append(line(j + 3_000_000, "send", id, node, client, reply)).append(line(j + 3_000_000, "recv", id, node, client, reply));
      id++;
      messages += 3;
      history.add(op(t + 5_000_000L, i == 3 ? OpType.FAIL : OpType.OK, process, "broadcast", (long) i));
    }
    // one gossip lost to the partition: a send and no recv
    journal.append(line(OFFSET_NS + 300_000_000L, "send", id, "n0", "n1", "{\"type\":\"gossip\",\"values\":[]}"));
    id++;
    messages++;
    history.add(op(250_000_000L, OpType.INFO, Op.NEMESIS, "start-partition", List.of("isolated", Map.of())));
    history.add(op(550_000_000L, OpType.INFO, Op.NEMESIS, "stop-partition", null));
    history.add(op(550_000_000L, OpType.INFO, Op.NEMESIS, "stop-partition", "network-healed"));
    history.addAll(faults);
    history.sort((a, b) -> Long.compare(a.time(), b.time()));
    List<Op> indexed = new ArrayList<>();
    for (Op op : history) {
      indexed.add(op.withIndex(indexed.size()));
    }
    history.clear();
    history.addAll(indexed);
    Files.writeString(dir.resolve("net-journal/journal.jsonl"), journal, StandardCharsets.UTF_8);
    Reports.writeHistory(dir, history);
    if (results != null) {
      Files.writeString(dir.resolve("results.json"), Json.write(results) + "\n", StandardCharsets.UTF_8);
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("workload", "broadcast");
    info.put("nodes", List.of("n0", "n1"));
    info.put("concurrency", 2);
    info.put("seed", 4242);
    info.put("availability", "total");
    info.put("journal-offset-ns", OFFSET_NS);
    info.put("crash", results == null ? "node n1 crashed" : null);
    info.put("options", Map.of("workload", "broadcast", "rate", 10, "time-limit", 1));
    Files.writeString(dir.resolve(RunReport.RUN_INFO), Json.write(info));
  }

  static Op op(long time, OpType type, int process, String f, Object value) {
    return new Op(0, time, type, process, f, value, null, false);
  }

  private static String line(long time, String type, int id, String src, String dest, String body) {
    return "{\"time\":" + time + ",\"type\":\"" + type + "\",\"id\":" + id + ",\"src\":\"" + src + "\",\"dest\":\"" + dest
        + "\",\"body\":" + body + "}\n";
  }

  static Map<String, Object> results(boolean valid) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("perf", Map.of("valid?", true, "ok-latency-ms", Map.of("all", Map.of("count", 9, "0.5", 5.0, "0.95", 5.0, "0.99", 5.0, "1", 5.0))));
    r.put("stats", Map.of("valid?", true, "count", 10, "ok-count", 9, "fail-count", 1, "info-count", 0));
    r.put("availability", Map.of("valid?", false, "ok-fraction", 0.9));
    r.put("net", Map.of("valid?", true, "all", Map.of("msg-count", 33, "msgs-per-op", 3.3),
        "servers", Map.of("msg-count", 11, "msgs-per-op", 1.125), "clients", Map.of("msg-count", 22)));
    Map<String, Object> workload = new LinkedHashMap<>();
    workload.put("valid?", valid);
    workload.put("lost-count", valid ? 0 : 2);
    workload.put("lost", valid ? List.of() : List.of(3, 7));
    r.put("workload", workload);
    r.put("valid?", valid ? true : false);
    return r;
  }
}
