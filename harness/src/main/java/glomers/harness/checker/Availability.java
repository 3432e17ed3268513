package glomers.harness.checker;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.List;
import java.util.Map;

/**
 * Maelstrom's {@code --availability} check (docs/bench.md#checkers-and-verdict): the fraction of client invocations
 * that completed {@code :ok}. Unset always passes; {@code total} needs every op to succeed; a number
 * is a lower bound.
 */
public final class Availability implements Checker {
  private final String requirement;

  /** @param requirement null, {@code "total"}, or a number in [0, 1] ("0.99", "1", "9/10") */
  public Availability(String requirement) {
    this.requirement = requirement;
  }

  /** The fraction of invocations that completed ok, and whether it met the requirement. */
  public record Fraction(Validity valid, double okFraction) implements Result {
    @Override
    public Map<String, Object> json() {
      return Result.entry(valid, Map.of("ok-fraction", okFraction));
    }
  }

  @Override
  public Fraction check(List<Op> history) {
    long invokes = 0;
    long oks = 0;
    for (Op op : history) {
      if (!op.isClient()) {
        continue;
      }
      if (op.isInvoke()) {
        invokes++;
      } else if (op.type() == OpType.OK) {
        oks++;
      }
    }
    // Maelstrom keeps the fraction as a single-precision float and compares it as such.
    float fraction = invokes == 0 ? 1f : (float) ((double) oks / invokes);
    Validity valid;
    if (requirement == null) {
      valid = Validity.TRUE;
    } else if (requirement.equals("total")) {
      valid = Validity.of(oks == invokes);
    } else {
      valid = Validity.of(parse(requirement) <= (double) fraction);
    }
    return new Fraction(valid, Double.parseDouble(Float.toString(fraction)));
  }

  private static double parse(String requirement) {
    try {
      int slash = requirement.indexOf('/');
      double a =
          slash < 0
              ? Double.parseDouble(requirement)
              : Double.parseDouble(requirement.substring(0, slash)) / Double.parseDouble(requirement.substring(slash + 1));
      if (!(a >= 0 && a <= 1)) {
        throw new IllegalArgumentException("--availability must be total or a number from 0 to 1, not " + requirement);
      }
      return a;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Don't know how to handle availability " + requirement, e);
    }
  }
}
