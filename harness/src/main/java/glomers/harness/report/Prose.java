package glomers.harness.report;

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
        if (entry.getValue() instanceof Map<?, ?> sub && !Boolean.TRUE.equals(sub.get("valid?"))) {
          lines.add(entry.getKey() + " is " + sub.get("valid?") + ": " + Reports.briefChecker(sub));
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
}
