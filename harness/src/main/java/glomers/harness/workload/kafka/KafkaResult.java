package glomers.harness.workload.kafka;

import glomers.harness.checker.Explained;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kafka checker's findings: every case of each error type (type order), whether the dependency
 * graph was empty, the unseen msgs (null if none), the worst realtime lag (null if no poll lagged)
 * and the errors of info sends and polls. results.json keeps Jepsen's selection of each type's
 * cases; {@code kafka/<type>.txt} says what each type means and gives those cases in words.
 */
public record KafkaResult(Map<String, List<KafkaAnomaly>> errors, boolean emptyGraph, KafkaAnomaly.Unseen unseen,
    RealtimeAnalysis.Lag worstLag, List<Object> infoCauses) implements Result, Explained {
  static final String EMPTY_GRAPH = "empty-transaction-graph";
  static final String UNSEEN = "unseen";

  /** What each error type means. */
  private static final Map<String, String> MEANING = Map.ofEntries(
      Map.entry("duplicate", "a msg sits at more than one offset of its key: the log holds one send twice."),
      Map.entry("inconsistent-offsets",
          "one offset of a key held different msgs in different replies: the nodes disagree on what the log holds there."),
      Map.entry("nonmonotonic-send",
          "a process's sends to one key did not land in the order it sent them: a later send sits at or before an earlier"
              + " one in the key's log."),
      Map.entry("poll-skip",
          "a process's polls of a key jumped over msgs: where one poll of the key ended, the process's next poll of it"
              + " began further on, so the msgs in between were never given to it (an offset was committed, or a"
              + " position kept, past what was delivered)."),
      Map.entry("int-poll-skip",
          "a single poll jumped over msgs of a key: two msgs one after the other in its reply are not neighbours in the"
              + " key's log."),
      Map.entry("nonmonotonic-poll",
          "a process's polls of a key went back: the process's next poll of the key began at or before where the"
              + " previous one ended."),
      Map.entry("int-nonmonotonic-poll",
          "a single poll returned a key's msgs out of the log's order, or one msg twice."),
      Map.entry("G1a",
          "aborted read: a poll returned a msg whose send definitely failed, so a write that never happened was read."),
      Map.entry("G1c-realtime",
          "a poll returned a msg whose send was invoked only after the poll had completed: it read from the future, a"
              + " cycle of a write-read dependency and real-time order."),
      Map.entry("strong-PL-2-cycle-exists",
          "cycles of write-read dependencies and real-time order exist (each is a G1c-realtime case), so the history is"
              + " not strong PL-2, the real-time read-committed level strict serializability includes."),
      Map.entry("lost-write",
          "an acknowledged send's msg was never returned by any poll, although polls read its key past it: the log lost"
              + " it."),
      Map.entry(UNSEEN,
          "acknowledged sends whose msgs no poll had returned by the end of the run, though the final polls should read"
              + " every msg."),
      Map.entry(EMPTY_GRAPH,
          "no poll returned another op's msg, and no op began after another had completed ok: there was nothing to"
              + " check."));

  /** Every reported type, in order, {@code unseen} and the empty graph included. */
  public List<String> types() {
    List<String> types = new ArrayList<>(errors.keySet());
    if (emptyGraph) {
      types.add(EMPTY_GRAPH);
    }
    if (unseen != null) {
      types.add(UNSEEN);
    }
    types.sort(null);
    return types;
  }

  /** The reported types that fail the run. */
  public List<String> badTypes() {
    return KafkaChecker.badTypes(types());
  }

  @Override
  public Validity valid() {
    return Validity.of(badTypes().isEmpty());
  }

  @Override
  public Map<String, Object> json() {
    List<String> types = types();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("worst-realtime-lag", worstLag == null ? noLag() : worstLag.json());
    details.put("bad-error-types", KafkaChecker.badTypes(types));
    details.put("error-types", types);
    details.put("info-txn-causes", new ArrayList<>(infoCauses));
    for (String type : types) {
      if (type.equals(UNSEEN)) {
        details.put(type, unseen.json());
        continue;
      }
      Map<String, Object> condensed = new LinkedHashMap<>();
      if (type.equals(EMPTY_GRAPH)) {
        condensed.put("count", 1);
        condensed.put("errs", true);
      } else {
        condensed.put("count", errors.get(type).size());
        condensed.put("errs", condense(type, errors.get(type)).stream().map(KafkaAnomaly::json).toList());
      }
      details.put(type, condensed);
    }
    return Result.entry(valid(), details);
  }

  /** {@code {time: 0, lag: 0}} in that order (Map.of's order would change with each JVM). */
  private static Map<String, Object> noLag() {
    Map<String, Object> none = new LinkedHashMap<>();
    none.put("time", 0);
    none.put("lag", 0);
    return none;
  }

  /** The failing types, each with its count, e.g. {@code bad error types lost-write (3), unseen (2 msgs)}. */
  @Override
  public String brief() {
    List<String> named = new ArrayList<>();
    for (String type : badTypes()) {
      named.add(type + " (" + count(type) + ")");
    }
    return Result.abbreviate("bad error types " + String.join(", ", named), 200);
  }

  private String count(String type) {
    return switch (type) {
      case UNSEEN -> unseen.total() + " msgs";
      case EMPTY_GRAPH -> "1";
      default -> Integer.toString(errors.get(type).size());
    };
  }

  /** Jepsen's selection: the most telling few of a long list, everything for the rest. */
  static List<KafkaAnomaly> condense(String type, List<KafkaAnomaly> errs) {
    Comparator<KafkaAnomaly> byDelta = Comparator.comparingInt(KafkaResult::delta);
    return switch (type) {
      case "duplicate" -> first(errs, Comparator.comparingInt(e -> ((KafkaAnomaly.Duplicate) e).offsets().length), 32);
      case "inconsistent-offsets" ->
          first(errs, Comparator.comparingInt(e -> ((KafkaAnomaly.InconsistentOffsets) e).shown().size()), 32);
      case "nonmonotonic-poll", "int-nonmonotonic-poll", "nonmonotonic-send" -> first(errs, byDelta, 8);
      case "poll-skip", "int-poll-skip" -> first(errs, byDelta.reversed(), 8);
      case "G1c-realtime", "strong-PL-2-cycle-exists" -> errs.subList(0, Math.min(8, errs.size()));
      default -> errs;
    };
  }

  private static int delta(KafkaAnomaly e) {
    return switch (e) {
      case KafkaAnomaly.NonmonotonicSend s -> s.delta();
      case KafkaAnomaly.PollGap g -> g.delta();
      default -> 0;
    };
  }

  private static List<KafkaAnomaly> first(List<KafkaAnomaly> errs, Comparator<KafkaAnomaly> order, int n) {
    List<KafkaAnomaly> sorted = new ArrayList<>(errs);
    sorted.sort(order);
    return sorted.subList(0, Math.min(n, sorted.size()));
  }

  /** The cases results.json keeps of a type (all, or the most telling few), in words. */
  private List<String> examples(String type) {
    return switch (type) {
      case UNSEEN -> List.of(unseen.example());
      case EMPTY_GRAPH -> List.of();
      default -> condense(type, errors.get(type)).stream().map(KafkaAnomaly::example).toList();
    };
  }

  @Override
  public String folder() {
    return "kafka";
  }

  /** Per type: what it means, how many cases, then the cases results.json keeps, first first. */
  @Override
  public Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String type : types()) {
      StringBuilder text = new StringBuilder(type).append(": ").append(MEANING.getOrDefault(type, "see results.json."));
      if (KafkaChecker.ALLOWED.contains(type)) {
        text.append(" (This type alone does not fail the run.)");
      }
      text.append("\n\n");
      List<String> examples = examples(type);
      if (type.equals(UNSEEN)) {
        text.append(examples.get(0)).append(".\n");
        unseen.messages().forEach((key, msgs) -> text.append("  key ").append(KafkaAnomaly.quoted(key)).append(": ")
            .append(unseen.counts().get(key)).append(unseen.counts().get(key) == 1 ? " msg, " : " msgs, ")
            .append(msgs.stream().map(KafkaAnomaly::quoted).toList())
            .append(msgs.size() < unseen.counts().get(key) ? " and more" : "").append('\n'));
      } else if (!examples.isEmpty()) {
        int count = errors.get(type).size();
        text.append(count).append(count == 1 ? " case" : " cases");
        if (examples.size() < count) {
          text.append("; the ").append(examples.size()).append(" that results.json keeps").append(switch (type) {
            case "poll-skip", "int-poll-skip" -> ", largest skips first";
            case "nonmonotonic-poll", "int-nonmonotonic-poll", "nonmonotonic-send" -> ", furthest back first";
            default -> "";
          });
        }
        text.append(":\n");
        for (String example : examples) {
          text.append("  - ").append(example).append(".\n");
        }
      }
      texts.put(type, text.toString());
    }
    return texts;
  }

  /** The types found, each with its count and first example, failing types first. */
  @Override
  public List<String> summary(Path folder) {
    List<String> types = types();
    if (types.isEmpty()) {
      return List.of();
    }
    List<String> ordered = new ArrayList<>(badTypes());
    types.stream().filter(t -> !ordered.contains(t)).forEach(ordered::add);
    List<String> lines = new ArrayList<>();
    lines.add("  kafka anomalies " + ordered + ", each explained in " + folder.resolve("<type>.txt") + "; first example of each:");
    for (String type : ordered) {
      lines.add("    " + Result.abbreviate(line(type), 300));
    }
    return lines;
  }

  /** A type, its count and its first example in one line. */
  private String line(String type) {
    List<String> examples = examples(type);
    String allowed = KafkaChecker.ALLOWED.contains(type) ? ", allowed" : "";
    return type + " (" + count(type) + allowed + "): " + (examples.isEmpty() ? MEANING.get(type) : examples.get(0));
  }

  @Override
  public String firstProblem() {
    List<String> bad = badTypes();
    return bad.isEmpty() ? null : Result.abbreviate(line(bad.get(0)), 200);
  }
}
