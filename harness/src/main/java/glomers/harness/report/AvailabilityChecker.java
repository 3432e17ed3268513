package glomers.harness.report;

import glomers.harness.checker.Checker;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --availability}: the fraction of client invocations that completed ok. */
public final class AvailabilityChecker implements Checker {
  private final String availability;

  /** @param availability null (no requirement), "total", or a fraction in [0, 1] */
  public AvailabilityChecker(String availability) {
    this.availability = availability;
  }

  @Override
  public Result check(List<Op> history) {
    long invokes = 0;
    long oks = 0;
    for (Op op : history) {
      if (op.isClient()) {
        if (op.isInvoke()) {
          invokes++;
        } else if (op.type() == OpType.OK) {
          oks++;
        }
      }
    }
    double fraction = invokes == 0 ? 1.0 : (double) oks / invokes;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ok-fraction", fraction);
    if (availability == null) {
      return Result.of(Validity.TRUE, details);
    }
    boolean valid =
        "total".equals(availability) ? fraction == 1.0 : fraction >= Double.parseDouble(availability);
    return Result.of(Validity.of(valid), details);
  }
}
