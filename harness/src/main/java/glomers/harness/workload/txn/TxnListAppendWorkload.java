package glomers.harness.workload.txn;

import glomers.harness.checker.Checker;
import glomers.harness.checker.elle.ListAppendChecker;
import java.util.List;

/**
 * Txn-list-append (the Datomic challenge): transactions of reads {@code ["r", k, null]} and
 * appends {@code ["append", k, v]}, checked by an Elle-style list-append checker against
 * {@code --consistency-models}. A read must return a list or null, as Maelstrom's schema demands.
 */
public final class TxnListAppendWorkload extends TxnWorkload {
  public TxnListAppendWorkload() {
    super("append");
  }

  @Override
  String readProblem(Object value) {
    return value == null || value instanceof List<?> ? null : "reads " + value + ", which is neither a list nor null";
  }

  @Override
  boolean keyTypeLeftToChecker() {
    return false;
  }

  @Override
  String describeWrite(Object got, Object asked) {
    return "appends " + got + " but the request appended " + asked;
  }

  @Override
  Checker checker(List<String> consistencyModels) {
    return new ListAppendChecker(consistencyModels);
  }
}
