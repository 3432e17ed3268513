package glomers.harness.workload.txn;

import glomers.harness.checker.Checker;
import glomers.harness.checker.elle.RwRegisterChecker;
import java.util.List;

/**
 * Challenge #6 (totally-available transactions): read/write-register transactions checked by an
 * Elle-style rw-register checker against {@code --consistency-models}.
 */
public final class TxnRwRegisterWorkload extends TxnWorkload {
  public TxnRwRegisterWorkload() {
    super("w");
  }

  @Override
  String readProblem(Object value) {
    return null;
  }

  @Override
  boolean keyTypeLeftToChecker() {
    return true;
  }

  @Override
  String describeWrite(Object got, Object asked) {
    return "writes " + got + " but the request wrote " + asked;
  }

  @Override
  Checker checker(List<String> consistencyModels) {
    return new RwRegisterChecker(consistencyModels);
  }
}
