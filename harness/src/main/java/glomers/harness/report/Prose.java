package glomers.harness.report;

import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.ProcessClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** The summary's explanations of a failed run, for the report page to show in the same words. */
public final class Prose {
  private Prose() {}

  /** One line per checker that is not valid: {@code "stats is false: count 6, ...; not valid: by-f add"}. */
  public static List<String> failingCheckers(Map<String, Object> results) {
    List<String> lines = new ArrayList<>();
    if (results != null) {
      for (Map.Entry<String, Object> entry : results.entrySet()) {
        if (entry.getValue() instanceof Map<?, ?> sub && Result.validityOf(sub) != Validity.TRUE) {
          lines.add(entry.getKey() + " is " + Result.validityOf(sub).json() + ": " + brief(sub));
        }
      }
    }
    return lines;
  }

  /** Per {@code :f} with ops that did not complete ok, how many and why, with the first case (at most {@code max} lines). */
  public static List<String> opsNotOk(List<Op> history, IntFunction<String> nodeOf, int max) {
    List<String> lines = new ArrayList<>();
    for (String line : Failures.lines(history, process -> new ProcessClient(null, nodeOf.apply(process)), max)) {
      lines.add(line.strip());
    }
    return lines;
  }

  /**
   * A failing checker of a stored results.json in one line: its scalar figures and which of its
   * nested results are not valid, e.g. {@code count 6, ok-count 0; not valid: by-f add}, as the
   * console's summary words the typed result (with {@link Result#brief(Map, List)}).
   */
  static String brief(Map<?, ?> sub) {
    return Result.brief(sub, invalidParts(sub));
  }

  /**
   * The parts of a stored entry that are not valid, named as the typed results' {@link
   * Result#invalidParts} name them: a nested result ({@code key}) or one a level deeper ({@code key
   * inner}, e.g. {@code by-f add}).
   */
  private static List<String> invalidParts(Map<?, ?> sub) {
    List<String> invalid = new ArrayList<>();
    for (Map.Entry<?, ?> e : sub.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> nested) {
        if (nested.containsKey(Result.VALID) && Result.validityOf(nested) != Validity.TRUE) {
          invalid.add(String.valueOf(e.getKey()));
        }
        for (Map.Entry<?, ?> inner : nested.entrySet()) {
          if (inner.getValue() instanceof Map<?, ?> m && m.containsKey(Result.VALID) && Result.validityOf(m) != Validity.TRUE) {
            invalid.add(e.getKey() + " " + inner.getKey());
          }
        }
      }
    }
    return invalid;
  }
}
