package glomers.solutions.sim;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.RawJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only txn-list-append node for checking that {@code --sim} runs that workload: one node
 * applies each txn atomically as it arrives, so a one-node run is strict-serializable.
 */
@Solution("list-append-test")
final class SingleListStore {
  private static final RawJson NULL = new RawJson("null");

  @Message("txn")
  record Txn(List<List<RawJson>> txn) {}

  @Message("txn_ok")
  record TxnOk(List<List<RawJson>> txn) {}

  private final Map<String, List<String>> lists = new HashMap<>();

  @Handles
  TxnOk txn(Txn request) {
    List<List<RawJson>> done = new ArrayList<>(request.txn().size());
    for (List<RawJson> op : request.txn()) {
      String key = op.get(1).text();
      if (op.get(0).text().equals("\"r\"")) {
        List<String> list = lists.get(key);
        done.add(Arrays.asList(op.get(0), op.get(1), list == null ? NULL : new RawJson("[" + String.join(",", list) + "]")));
      } else {
        lists.computeIfAbsent(key, k -> new ArrayList<>()).add(op.get(2).text());
        done.add(op);
      }
    }
    return new TxnOk(done);
  }
}
