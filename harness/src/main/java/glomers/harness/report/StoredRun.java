package glomers.harness.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.harness.options.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import glomers.harness.options.Faults;
import glomers.harness.options.SeqKvStaleness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
    // "partition" stays for readers of older runs' files; "nemesis" and "kill-targets" came with kill and pause.
    map.put("partition", o.partition());
    map.put("nemesis", o.nemesis().names());
    map.put("kill-targets", o.nemesis().killTargets());
    map.put("nemesis-interval", o.nemesisIntervalSeconds());
    map.put("availability", o.availability());
    map.put("consistency-models", o.consistencyModels());
    map.put("key-count", o.keyCount());
    map.put("max-txn-length", o.maxTxnLength());
    map.put("max-writes-per-key", o.maxWritesPerKey());
    map.put("topology", o.topology());
    map.put("seq-kv-staleness", o.seqKvStaleness().name().toLowerCase(java.util.Locale.ROOT));
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
        nemesis(m),
        ((Number) m.get("nemesis-interval")).doubleValue(),
        (String) m.get("availability"),
        (List<String>) m.get("consistency-models"),
        keyCount == null ? null : ((Number) keyCount).intValue(),
        ((Number) m.get("max-txn-length")).intValue(),
        ((Number) m.get("max-writes-per-key")).intValue(),
        (String) m.get("topology"),
        // Runs stored before the flag existed used Maelstrom's staleness.
        m.get("seq-kv-staleness") instanceof String staleness
            ? SeqKvStaleness.valueOf(staleness.toUpperCase(java.util.Locale.ROOT))
            : SeqKvStaleness.UNIFORM,
        Boolean.TRUE.equals(m.get("log-stderr")),
        Boolean.TRUE.equals(m.get("log-net-send")),
        Boolean.TRUE.equals(m.get("log-net-recv")),
        ((Number) m.get("test-count")).intValue(),
        ((Number) m.get("seed")).longValue(),
        (List<String>) m.get("args"));
  }

  /** The faults of a stored run; runs stored before kill and pause have only the partition flag. */
  @SuppressWarnings("unchecked")
  private static Faults nemesis(Map<String, Object> m) {
    if (m.get("nemesis") instanceof List<?> names) {
      List<String> targets = m.get("kill-targets") instanceof List<?> t ? (List<String>) t : Faults.TARGETS;
      return new Faults(names.contains("partition"), names.contains("kill"), names.contains("pause"), targets);
    }
    return Boolean.TRUE.equals(m.get("partition")) ? Faults.partitionOnly() : Faults.NONE;
  }

  /**
   * The ops of {@code history.jsonl}, as {@link Reports#writeHistory} wrote them. Streamed field by
   * field: a map per line would double the garbage of reading a million-op history.
   */
  public static List<Op> readHistory(Path dir) throws IOException {
    return readHistory(dir, false);
  }

  /**
   * As above; with {@code cutShort}, an unfinished last line (the bench was killed while writing it)
   * is left out instead of being an error.
   */
  public static List<Op> readHistory(Path dir, boolean cutShort) throws IOException {
    Path file = dir.resolve("history.jsonl");
    long tail = cutShort ? lastLineStart(file) : Long.MAX_VALUE;
    List<Op> ops = new ArrayList<>();
    try {
      readHistory(file, ops);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      if (e.getLocation() == null || e.getLocation().getByteOffset() < tail) {
        throw e;
      }
    }
    return ops;
  }

  /** Where the bytes after the file's last newline start (its size if it ends with one). */
  private static long lastLineStart(Path file) throws IOException {
    try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
      long size = channel.size();
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8192);
      long end = size;
      while (end > 0) {
        long start = Math.max(0, end - buffer.capacity());
        buffer.clear().limit((int) (end - start));
        channel.position(start);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
          // Fill the window.
        }
        for (int i = (int) (end - start) - 1; i >= 0; i--) {
          if (buffer.get(i) == '\n') {
            return start + i + 1;
          }
        }
        end = start;
      }
      return 0;
    }
  }

  private static void readHistory(Path file, List<Op> ops) throws IOException {
    // Values are read into fixed-size lists and Longs, as a live run holds them and in less memory
    // than Jackson's growable lists: a million-op history is mostly two-element [offset, msg] pairs.
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(file.toFile())) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token != JsonToken.START_OBJECT) {
          throw new IOException("history.jsonl: expected an object per line at " + parser.currentLocation());
        }
        long index = -1;
        long time = 0;
        OpType type = null;
        int process = Op.NEMESIS;
        String f = null;
        Object value = null;
        Object error = null;
        boolean finalPhase = false;
        String field;
        while ((field = parser.nextFieldName()) != null) {
          JsonToken v = parser.nextToken();
          switch (field) {
            case "index" -> index = parser.getLongValue();
            case "time" -> time = parser.getLongValue();
            case "type" -> type = OpType.valueOf(parser.getText().toUpperCase());
            case "process" -> process = v == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : Op.NEMESIS;
            case "f" -> f = parser.getText();
            case "value" -> value = v == JsonToken.VALUE_NULL ? null : readValue(parser);
            case "error" -> error = v == JsonToken.VALUE_NULL ? null : readValue(parser);
            case "final?" -> finalPhase = v == JsonToken.VALUE_TRUE;
            default -> parser.skipChildren();
          }
        }
        if (type == null || f == null) {
          throw new IOException("history.jsonl: an op without type or f before " + parser.currentLocation());
        }
        ops.add(new Op(index < 0 ? ops.size() : index, time, type, process, f, value, error, finalPhase));
      }
    }
  }

  /** The JSON value at the parser's current token, as the plain Java data the checkers take. */
  private static Object readValue(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>(4);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser));
        }
        return Arrays.asList(items.toArray());
      }
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
          parser.nextToken();
          map.put(name, readValue(parser));
        }
        return map;
      }
      case VALUE_NUMBER_INT -> {
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue() : parser.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("history.jsonl: unexpected " + parser.currentToken() + " at " + parser.currentLocation());
    }
  }
}
