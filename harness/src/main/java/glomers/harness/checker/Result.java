package glomers.harness.checker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checker's verdict and its figures, in the order they should be printed. Keys follow
 * Maelstrom's results.edn with dashes kept ({@code stable-latencies}, {@code msgs-per-op}); values
 * are JSON-like Java data.
 */
public record Result(Validity valid, Map<String, Object> details) {
  public static Result of(Validity valid, Map<String, Object> details) {
    return new Result(valid, details);
  }

  /** The map as written to results.json: {@code valid?} first, then the details. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid?", valid.json());
    json.putAll(details);
    return json;
  }
}
