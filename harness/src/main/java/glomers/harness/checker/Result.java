package glomers.harness.checker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One checker's verdict and figures, as a typed record of that checker. It becomes JSON only where
 * results are written ({@link #json}: results.json, the report); what reads that JSON back finds
 * the verdict by {@link #VALID} or {@link #validityOf}, so the key is spelled here alone.
 */
public interface Result {
  /** The verdict's key in results.json, as in Maelstrom's results.edn. */
  String VALID = "valid?";

  Validity valid();

  /**
   * The entry as results.json writes it: keys follow Maelstrom's results.edn with dashes kept
   * ({@code stable-latencies}, {@code msgs-per-op}), the verdict first, values JSON-like Java data.
   */
  Map<String, Object> json();

  /** The figures the console summary shows for this result, each as {@code name: value}. */
  default List<String> keyFigures() {
    return List.of();
  }

  /** Its parts that are not valid, each named by where it sits in the JSON, e.g. {@code by-f add}. */
  default List<String> invalidParts() {
    return List.of();
  }

  /**
   * A result that is not valid in one line: its scalar figures, the sizes of its lists and which of
   * its parts are not valid, e.g. {@code count 6, ok-count 0, fail-count 0, info-count 6; not valid:
   * by-f add}.
   */
  default String brief() {
    return brief(json(), invalidParts());
  }

  /**
   * {@link #brief} of an entry as results.json holds it, given its parts that are not valid: the
   * console words a typed result with it, and the report a stored one, so both read the same.
   */
  static String brief(Map<?, ?> json, List<String> invalid) {
    List<String> scalars = new ArrayList<>();
    for (Map.Entry<?, ?> e : json.entrySet()) {
      Object v = e.getValue();
      if (VALID.equals(e.getKey())) {
        continue;
      }
      if (v instanceof Number || v instanceof Boolean) {
        scalars.add(e.getKey() + " " + v);
      } else if (v instanceof String text) {
        scalars.add(e.getKey() + " " + abbreviate(text.lines().findFirst().orElse(""), 80));
      } else if (v instanceof List<?> list && !list.isEmpty()) {
        scalars.add(e.getKey() + " (" + list.size() + ")");
      }
    }
    String line = String.join(", ", scalars);
    if (!invalid.isEmpty()) {
      line += (line.isEmpty() ? "" : "; ") + "not valid: " + String.join(", ", invalid);
    }
    return abbreviate(line, 200);
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  /** An entry of results.json: {@code verdict} first, then {@code figures} in their order. */
  static Map<String, Object> entry(Validity verdict, Map<String, Object> figures) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(VALID, verdict.json());
    json.putAll(figures);
    return json;
  }

  /** An entry that holds only its verdict. */
  static Map<String, Object> entry(Validity verdict) {
    return entry(verdict, Map.of());
  }

  /**
   * The verdict of an entry read back from results.json (or any JSON-like map written by {@link
   * #json}): true, false, or unknown for anything else. What is no map at all counts as true, as a
   * sub-result without a verdict does in Maelstrom's composed checker.
   */
  static Validity validityOf(Object entry) {
    if (!(entry instanceof Map<?, ?> map)) {
      return Validity.TRUE;
    }
    Object valid = map.get(VALID);
    if (Boolean.TRUE.equals(valid)) {
      return Validity.TRUE;
    }
    if (Boolean.FALSE.equals(valid)) {
      return Validity.FALSE;
    }
    return Validity.UNKNOWN;
  }

  /** A checker that threw: unknown, with its stack trace. */
  record Failed(String error) implements Result {
    public static Failed of(Throwable e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      return new Failed(trace.toString());
    }

    @Override
    public Validity valid() {
      return Validity.UNKNOWN;
    }

    @Override
    public Map<String, Object> json() {
      return entry(Validity.UNKNOWN, Map.of("error", error));
    }
  }

  /** A result with nothing to say but that it holds: Maelstrom's {@code timeline}. */
  record Valid() implements Result {
    @Override
    public Validity valid() {
      return Validity.TRUE;
    }

    @Override
    public Map<String, Object> json() {
      return entry(Validity.TRUE);
    }
  }
}
