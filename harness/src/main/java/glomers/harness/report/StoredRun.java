package glomers.harness.report;

import com.fasterxml.jackson.databind.MappingIterator;
import glomers.harness.cli.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.net.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code analyze} needs to re-check a stored run: the run's options ({@code options.json},
 * written when the run starts) and its history ({@code history.jsonl}) read back into ops.
 */
public final class StoredRun {
  public static final String OPTIONS_FILE = "options.json";

  private StoredRun() {}

  public static void writeOptions(Path dir, TestOptions o) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("workload", o.workload());
    map.put("bin", o.bin() == null ? null : o.bin().toString());
    map.put("nodes", o.nodes());
    map.put("concurrency", o.concurrency());
    map.put("time-limit", o.timeLimitSeconds());
    map.put("rate", o.rate());
    map.put("latency", o.latencyMillis());
    map.put("latency-dist", o.latencyDist());
    map.put("partition", o.partition());
    map.put("nemesis-interval", o.nemesisIntervalSeconds());
    map.put("availability", o.availability());
    map.put("consistency-models", o.consistencyModels());
    map.put("key-count", o.keyCount());
    map.put("max-txn-length", o.maxTxnLength());
    map.put("max-writes-per-key", o.maxWritesPerKey());
    map.put("topology", o.topology());
    map.put("log-stderr", o.logStderr());
    map.put("log-net-send", o.logNetSend());
    map.put("log-net-recv", o.logNetRecv());
    map.put("test-count", o.testCount());
    map.put("seed", o.seed());
    map.put("args", o.nodeArgs());
    Files.writeString(dir.resolve(OPTIONS_FILE), Json.write(map) + "\n");
  }

  @SuppressWarnings("unchecked")
  public static TestOptions readOptions(Path dir) throws IOException {
    Map<String, Object> m = Json.MAPPER.readValue(dir.resolve(OPTIONS_FILE).toFile(), Map.class);
    Object bin = m.get("bin");
    Object keyCount = m.get("key-count");
    return new TestOptions(
        (String) m.get("workload"),
        bin == null ? null : Path.of((String) bin),
        (List<String>) m.get("nodes"),
        ((Number) m.get("concurrency")).intValue(),
        ((Number) m.get("time-limit")).intValue(),
        ((Number) m.get("rate")).doubleValue(),
        ((Number) m.get("latency")).intValue(),
        (String) m.get("latency-dist"),
        Boolean.TRUE.equals(m.get("partition")),
        ((Number) m.get("nemesis-interval")).doubleValue(),
        (String) m.get("availability"),
        (List<String>) m.get("consistency-models"),
        keyCount == null ? null : ((Number) keyCount).intValue(),
        ((Number) m.get("max-txn-length")).intValue(),
        ((Number) m.get("max-writes-per-key")).intValue(),
        (String) m.get("topology"),
        Boolean.TRUE.equals(m.get("log-stderr")),
        Boolean.TRUE.equals(m.get("log-net-send")),
        Boolean.TRUE.equals(m.get("log-net-recv")),
        ((Number) m.get("test-count")).intValue(),
        ((Number) m.get("seed")).longValue(),
        (List<String>) m.get("args"));
  }

  /** The ops of {@code history.jsonl}, as {@link Reports#writeHistory} wrote them. */
  @SuppressWarnings("unchecked")
  public static List<Op> readHistory(Path dir) throws IOException {
    List<Op> ops = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> lines =
        Json.MAPPER.readerFor(Map.class).readValues(dir.resolve("history.jsonl").toFile())) {
      while (lines.hasNext()) {
        Map<String, Object> m = lines.next();
        Object process = m.get("process");
        ops.add(
            new Op(
                ((Number) m.get("index")).longValue(),
                ((Number) m.get("time")).longValue(),
                OpType.valueOf(((String) m.get("type")).toUpperCase()),
                process instanceof Number n ? n.intValue() : Op.NEMESIS,
                (String) m.get("f"),
                m.get("value"),
                m.get("error"),
                Boolean.TRUE.equals(m.get("final?"))));
      }
    }
    return ops;
  }
}
