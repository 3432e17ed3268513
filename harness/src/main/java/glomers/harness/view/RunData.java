package glomers.harness.view;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.checker.History;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pictures and the report page are drawn from: the run's description ({@code run.json}),
 * its history, its results (null if the run crashed) and its journal. As loaded, times are
 * microseconds since the history's origin: the start of the test, which is also the journal's
 * (offset 0), for runs since issue 12; the start of the main phase for older runs, whose {@code
 * journal-offset-ns} shifts the journal onto it. The pages draw {@link #fromFirstOp()}: every time
 * counted from the first op, so init and setup messages come before 0.
 *
 * @param info the contents of {@code run.json}: workload, nodes, seed, options, crash reason, the
 *     journal's offset
 * @param ops the history
 * @param results results.json as plain data, or null when the run crashed
 * @param messages every message of the journal, by id
 */
public record RunData(Map<String, Object> info, List<Op> ops, Map<String, Object> results, List<Message> messages) {

  /** One message: its send and (if delivered) recv times in µs, and its body's raw JSON. */
  public record Message(
      long id, String src, String dest, long send, long recv, String type, Long msgId, Long inReplyTo, String body) {
    public static final long NEVER = Long.MIN_VALUE;

    public boolean delivered() {
      return recv != NEVER;
    }

    Message withRecv(long time) {
      return new Message(id, src, dest, send, time, type, msgId, inReplyTo, body);
    }
  }

  /** An invocation, its completion (or null) and, where found, the client request and reply that carried it. */
  public record OpSpan(Op invoke, Op completion, String node, Message request, Message reply) {
    public long startMicros() {
      return invoke.time() / 1000;
    }

    /** The completion's time, or the end of the history for an op that never completed. */
    public long endMicros(long historyEnd) {
      return completion == null ? historyEnd : completion.time() / 1000;
    }

    public String outcome() {
      return completion == null ? "invoke" : completion.type().wire();
    }
  }

  /** The first op's time in the history (0 for an empty one): the pages' time origin, as Maelstrom's. */
  public static long firstOpNanos(List<Op> ops) {
    return ops.isEmpty() ? 0 : ops.get(0).time();
  }

  /** The ops with {@code originNanos} taken from their times. */
  public static List<Op> shift(List<Op> ops, long originNanos) {
    if (originNanos == 0) {
      return ops;
    }
    List<Op> shifted = new ArrayList<>(ops.size());
    for (Op op : ops) {
      shifted.add(new Op(op.index(), op.time() - originNanos, op.type(), op.process(), op.f(), op.value(), op.error(),
          op.finalPhase()));
    }
    return shifted;
  }

  /** This run with every time counted from its first op (messages before it are negative). */
  public RunData fromFirstOp() {
    long origin = firstOpNanos(ops);
    if (origin == 0) {
      return this;
    }
    long micros = origin / 1000;
    List<Message> shifted = new ArrayList<>(messages.size());
    for (Message m : messages) {
      shifted.add(new Message(m.id(), m.src(), m.dest(), m.send() - micros, m.delivered() ? m.recv() - micros : Message.NEVER,
          m.type(), m.msgId(), m.inReplyTo(), m.body()));
    }
    return new RunData(info, shift(ops, origin), results, shifted);
  }

  @SuppressWarnings("unchecked")
  public List<String> nodes() {
    return info.get("nodes") instanceof List<?> l ? (List<String>) l : List.of();
  }

  public String workload() {
    return String.valueOf(info.getOrDefault("workload", "?"));
  }

  public int concurrency() {
    return info.get("concurrency") instanceof Number n ? n.intValue() : Math.max(1, nodes().size());
  }

  /** The node a client process talks to: worker {@code p mod concurrency}, node {@code worker mod n}. */
  public String nodeOf(int process) {
    List<String> nodes = nodes();
    if (nodes.isEmpty() || process < 0) {
      return null;
    }
    return nodes.get((process % concurrency()) % nodes.size());
  }

  /** The last time in the history, in µs (0 for an empty history). */
  public long historyEndMicros() {
    return ops.isEmpty() ? 0 : ops.get(ops.size() - 1).time() / 1000;
  }

  /** The kinds of fault the nemesis injects, each shaded in its own colour. */
  public enum FaultKind {
    PARTITION("partition"),
    KILL("killed"),
    PAUSE("paused");

    /** The word the pages use: "partition", "n1 killed", "n1 paused". */
    public final String word;

    FaultKind(String word) {
      this.word = word;
    }
  }

  /**
   * One fault's stretch of time, in µs.
   *
   * @param nodes the nodes it kept dead or paused, in the run's node order; empty for a partition (it
   *     cuts the network, not a node) and for a kill or pause that failed, whose nodes are unknown
   */
  public record FaultPeriod(FaultKind kind, long start, long end, List<String> nodes) {}

  /**
   * Partition periods [start, end] in µs: from a start-partition to the next stop-partition (or the
   * history's end). The bench records both halves of a nemesis op as info, so either counts.
   */
  public List<long[]> nemesisPeriods() {
    List<long[]> periods = new ArrayList<>();
    Long start = null;
    for (Op op : ops) {
      if (op.isClient()) {
        continue;
      }
      if ("start-partition".equals(op.f()) && start == null) {
        start = op.time() / 1000;
      } else if ("stop-partition".equals(op.f()) && start != null) {
        periods.add(new long[] {start, op.time() / 1000});
        start = null;
      }
    }
    if (start != null) {
      periods.add(new long[] {start, Math.max(start, historyEndMicros())});
    }
    return periods;
  }

  /**
   * Every fault of the run by start time: the partitions of {@link #nemesisPeriods()}, and for each
   * kill (pause) the nodes it killed (paused), from the kill's invocation until the completion of the
   * next {@code start} ({@code resume}), when they answer again, or the history's end. A nemesis op
   * is recorded twice, both info: invoked with its node spec, completed with each target's word
   * ({@code {"n1":"killed"}}), or with the spec and an error if it failed. Start and resume always
   * act on every node, so one ends every stretch of its kind, even a start that failed (the bench
   * did restart them; whether they answered is in the error).
   */
  public List<FaultPeriod> faultPeriods() {
    List<FaultPeriod> periods = new ArrayList<>();
    for (long[] p : nemesisPeriods()) {
      periods.add(new FaultPeriod(FaultKind.PARTITION, p[0], p[1], List.of()));
    }
    Map<FaultKind, List<FaultPeriod>> open = new LinkedHashMap<>();
    Map<String, Long> invokedAt = new LinkedHashMap<>();
    for (Op op : ops) {
      if (op.isClient()) {
        continue;
      }
      FaultKind kind = switch (op.f()) {
        case "kill", "start" -> FaultKind.KILL;
        case "pause", "resume" -> FaultKind.PAUSE;
        default -> null;
      };
      if (kind == null) {
        continue;
      }
      long t = op.time() / 1000;
      boolean completion = op.value() instanceof Map<?, ?> || op.error() != null;
      if (!completion) {
        invokedAt.put(op.f(), t);
        continue;
      }
      long invoked = invokedAt.getOrDefault(op.f(), t);
      invokedAt.remove(op.f());
      List<FaultPeriod> stretches = open.computeIfAbsent(kind, k -> new ArrayList<>());
      if (op.f().equals("start") || op.f().equals("resume")) {
        for (FaultPeriod p : stretches) {
          periods.add(new FaultPeriod(kind, p.start(), Math.max(p.start(), t), p.nodes()));
        }
        stretches.clear();
        continue;
      }
      List<String> hit = new ArrayList<>();
      if (op.value() instanceof Map<?, ?> words) {
        // "killed" or "paused"; already-dead, already-paused and not-running nodes are counted already, or not hit.
        words.forEach((node, word) -> {
          if (kind.word.equals(word) && stretches.stream().noneMatch(p -> p.nodes().contains(String.valueOf(node)))) {
            hit.add(String.valueOf(node));
          }
        });
        if (hit.isEmpty()) {
          continue;
        }
      } else if ("all".equals(op.value())) {
        hit.addAll(nodes());
      }
      List<String> ordered = new ArrayList<>(nodes());
      ordered.retainAll(hit);
      hit.stream().filter(n -> !ordered.contains(n)).forEach(ordered::add);
      stretches.add(new FaultPeriod(kind, invoked, invoked, List.copyOf(ordered)));
    }
    long end = historyEndMicros();
    open.values().forEach(l -> l.forEach(p -> periods.add(new FaultPeriod(p.kind(), p.start(), Math.max(p.start(), end), p.nodes()))));
    periods.sort(java.util.Comparator.comparingLong(FaultPeriod::start));
    return periods;
  }

  /** The kinds of fault in {@code periods}, in {@link FaultKind}'s order: what a legend lists. */
  public static List<FaultKind> kinds(List<FaultPeriod> periods) {
    return java.util.Arrays.stream(FaultKind.values()).filter(k -> periods.stream().anyMatch(p -> p.kind() == k)).toList();
  }

  /**
   * Client ops with their request and reply. The request is the first message, sent at or after the
   * invocation, from a client to the process's node and not yet claimed; once a process's client id
   * is known only that client's requests count, until an info completion makes the process reconnect.
   */
  public List<OpSpan> spans() {
    Map<String, List<Message>> requestsByNode = new LinkedHashMap<>();
    Map<String, Map<Long, Message>> repliesByClient = new LinkedHashMap<>();
    for (Message m : messages) {
      if (isClient(m.src()) && !isClient(m.dest())) {
        requestsByNode.computeIfAbsent(m.dest(), k -> new ArrayList<>()).add(m);
      } else if (isClient(m.dest()) && m.inReplyTo() != null) {
        repliesByClient.computeIfAbsent(m.dest(), k -> new LinkedHashMap<>()).putIfAbsent(m.inReplyTo(), m);
      }
    }
    requestsByNode.values().forEach(l -> l.sort((a, b) -> Long.compare(a.send(), b.send())));
    Map<String, Integer> cursor = new LinkedHashMap<>();
    Map<Integer, String> clientOf = new LinkedHashMap<>();
    java.util.Set<Long> claimed = new java.util.HashSet<>();
    List<OpSpan> spans = new ArrayList<>();
    for (History.Pair pair : History.pairs(ops)) {
      Op invoke = pair.invoke();
      if (!invoke.isClient()) {
        continue;
      }
      String node = nodeOf(invoke.process());
      Message request = null;
      Message reply = null;
      List<Message> requests = node == null ? null : requestsByNode.get(node);
      if (requests != null) {
        long from = invoke.time() / 1000 - 1000;
        long to = pair.completion() == null ? Long.MAX_VALUE : pair.completion().time() / 1000 + 1000;
        int i = cursor.getOrDefault(node, 0);
        while (i < requests.size() && requests.get(i).send() < from) {
          i++;
        }
        cursor.put(node, i);
        String client = clientOf.get(invoke.process());
        for (int j = i; j < requests.size() && requests.get(j).send() <= to; j++) {
          Message m = requests.get(j);
          if (claimed.contains(m.id()) || (client != null && !client.equals(m.src()))) {
            continue;
          }
          request = m;
          claimed.add(m.id());
          break;
        }
      }
      if (request != null) {
        clientOf.put(invoke.process(), request.src());
        Map<Long, Message> replies = repliesByClient.get(request.src());
        if (replies != null && request.msgId() != null) {
          reply = replies.get(request.msgId());
        }
      }
      if (pair.completion() != null && pair.completion().type() == OpType.INFO) {
        clientOf.remove(invoke.process());
      }
      spans.add(new OpSpan(invoke, pair.completion(), node, request, reply));
    }
    return spans;
  }

  public static boolean isClient(String member) {
    return member.length() > 1 && member.charAt(0) == 'c' && Character.isDigit(member.charAt(1));
  }

  // ---- loading from a store directory ----

  /** Reads a run back from its store directory (history.jsonl, results.json, run.json, the journal). */
  public static RunData load(Path dir) throws IOException {
    Map<String, Object> info = readMap(dir.resolve(RunReport.RUN_INFO));
    Map<String, Object> results = Files.exists(dir.resolve("results.json")) ? readMap(dir.resolve("results.json")) : null;
    List<Op> ops = readHistory(dir.resolve("history.jsonl"));
    long offset = info.get("journal-offset-ns") instanceof Number n ? n.longValue() : 0;
    return new RunData(info, ops, results, readJournal(dir.resolve("net-journal").resolve("journal.jsonl"), offset));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readMap(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new LinkedHashMap<>();
    }
    Object value = Json.toJava(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  static List<Op> readHistory(Path file) throws IOException {
    List<Op> ops = new ArrayList<>();
    if (!Files.exists(file)) {
      return ops;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = Json.parse(line);
        JsonNode process = n.get("process");
        ops.add(
            new Op(
                n.path("index").asLong(ops.size()),
                n.path("time").asLong(),
                OpType.valueOf(n.path("type").asText().toUpperCase()),
                process != null && process.isInt() ? process.asInt() : Op.NEMESIS,
                n.path("f").asText(),
                Json.toJava(n.get("value")),
                Json.toJava(n.get("error")),
                n.path("final?").asBoolean(false)));
      }
    }
    return ops;
  }

  /**
   * The journal's messages in id order, times shifted by {@code offsetNanos} (the main phase's start
   * in journal time) and turned into µs. A message whose recv is missing was dropped.
   */
  public static List<Message> readJournal(Path file, long offsetNanos) throws IOException {
    return JournalReader.read(file, offsetNanos);
  }
}
