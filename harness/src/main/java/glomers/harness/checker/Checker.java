package glomers.harness.checker;

import glomers.harness.history.Op;
import java.util.List;

/** Judges a finished run's history. A checker that throws is reported as unknown. */
public interface Checker {
  Result check(List<Op> history);
}
