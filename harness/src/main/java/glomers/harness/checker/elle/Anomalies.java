package glomers.harness.checker.elle;

import glomers.harness.checker.Explained;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Elle's verdict on a txn history, as Maelstrom passes it on: the reported anomalies by type (in
 * type order), and the consistency models they rule out ({@code not}) and those ruled out with them
 * ({@code alsoNot}), both null when nothing was found. Each anomaly is explained in words in {@code
 * elle/<type>.txt}.
 */
public record Anomalies(Validity valid, Map<String, List<Anomaly>> anomalies, Set<String> not, Set<String> alsoNot)
    implements Result, Explained {
  /**
   * One case of an anomaly: the facts Elle reports about it (the ops, cycle and steps, as JSON-like
   * data in Elle's keys), and its explanation in words, naming the ops (null if it has none).
   */
  public record Anomaly(Map<String, Object> facts, String explanation) {
    /** A case as the search built it, its explanation under {@code explanation}. */
    static Anomaly of(Map<String, Object> found) {
      Map<String, Object> facts = new LinkedHashMap<>(found);
      Object text = facts.remove("explanation");
      return new Anomaly(facts, text instanceof String s ? s : null);
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>(facts);
      if (explanation != null) {
        json.put("explanation", explanation);
      }
      return json;
    }
  }

  /** Nothing reportable was found. */
  static Anomalies none() {
    return new Anomalies(Validity.TRUE, Map.of(), null, null);
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("anomaly-types", new ArrayList<>(anomalies.keySet()));
    if (anomalies.isEmpty()) {
      details.put("anomalies", null);
      return Result.entry(valid, details);
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    anomalies.forEach((type, cases) -> shown.put(type, cases.stream().map(Anomaly::json).toList()));
    details.put("anomalies", shown);
    details.put("not", not);
    details.put("also-not", alsoNot);
    return Result.entry(valid, details);
  }

  @Override
  public String folder() {
    return "elle";
  }

  /** Anomaly type to the explanations of its cases, in type order; types without explanations are left out. */
  private Map<String, List<String>> explanations() {
    Map<String, List<String>> texts = new LinkedHashMap<>();
    anomalies.forEach((type, cases) -> {
      for (Anomaly c : cases) {
        if (c.explanation() != null) {
          texts.computeIfAbsent(type, t -> new ArrayList<>()).add(c.explanation());
        }
      }
    });
    return texts;
  }

  /** Each case's explanation, separated by a blank line. */
  @Override
  public Map<String, String> texts() {
    Map<String, String> files = new LinkedHashMap<>();
    explanations().forEach((type, texts) -> files.put(type, String.join("\n\n", texts) + "\n"));
    return files;
  }

  /** The types found, and the first type's first case in full. */
  @Override
  public List<String> summary(Path folder) {
    Map<String, List<String>> explained = explanations();
    if (explained.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    Map.Entry<String, List<String>> first = explained.entrySet().iterator().next();
    lines.add("  workload anomalies " + explained.keySet() + "; first (" + folder.resolve(first.getKey() + ".txt") + "):");
    for (String line : first.getValue().get(0).split("\n")) {
      lines.add("    " + line);
    }
    return lines;
  }

  @Override
  public String firstProblem() {
    Map<String, List<String>> explained = explanations();
    if (explained.isEmpty()) {
      return null;
    }
    Map.Entry<String, List<String>> first = explained.entrySet().iterator().next();
    return first.getKey() + ": " + Result.abbreviate(first.getValue().get(0).lines().findFirst().orElse(""), 200);
  }
}
