package glomers.harness.workload.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.history.OpType;
import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.workload.FakeConnection;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TxnListAppendTest {
  private final TxnListAppendWorkload workload = new TxnListAppendWorkload();

  private static List<Object> request() {
    return new ArrayList<>(List.of(Arrays.asList("r", 1L, null), Arrays.asList("append", 2L, 3L)));
  }

  private static Map<String, Object> ok(Object txn) {
    Map<String, Object> reply = new HashMap<>();
    reply.put("type", "txn_ok");
    reply.put("txn", txn);
    return reply;
  }

  private Client client(FakeConnection node) {
    return workload.client(node, null);
  }

  @Test
  void sendsMaelstromsRequestAndKeepsTheListsRead() throws Exception {
    FakeConnection node = new FakeConnection().reply(ok(List.of(List.of("r", 1L, List.of(4L, 5L)), List.of("append", 2L, 3L))));
    Completion done = client(node).invoke(new Invocation("txn", request()));

    assertThat(node.requests.get(0)).isEqualTo(Map.of("type", "txn", "txn", request()));
    assertThat(done).isEqualTo(Completion.ok(List.of(List.of("r", 1L, List.of(4L, 5L)), List.of("append", 2L, 3L))));
  }

  @Test
  void timeoutsAreInfoAndDefiniteErrorsFailBothWithTheRequest() throws Exception {
    FakeConnection node = new FakeConnection().timeout().reply(Map.of("type", "error", "code", 30L, "text", "conflict"));
    Client client = client(node);

    assertThat(client.invoke(new Invocation("txn", request()))).isEqualTo(Completion.info(request(), List.of("net-timeout")));
    assertThat(client.invoke(new Invocation("txn", request())).type()).isEqualTo(OpType.FAIL);
  }

  @Test
  void badRepliesAreRefusedNamingNodeReplyAndReason() {
    Map<List<Object>, String> wrong = new HashMap<>();
    wrong.put(List.of(List.of("r", 1L, 7L), List.of("append", 2L, 3L)), "reads 7, which is neither a list nor null");
    wrong.put(List.of(Arrays.asList("r", 1L, null), List.of("append", 2L, 4L)), "appends 4 but the request appended 3");
    wrong.put(List.of(Arrays.asList("r", 1L, null)), "txn has 1 micro-ops but the request had 2");
    wrong.put(List.of(Arrays.asList("r", 1L, null), List.of("w", 2L, 3L)), "should be [\"r\"|\"append\", key, value]");
    wrong.put(List.of(Arrays.asList("r", 9L, null), List.of("append", 2L, 3L)), "has key 9 but the request's key is 1");
    wrong.forEach(
        (txn, reason) -> {
          FakeConnection node = new FakeConnection().reply(ok(new ArrayList<>(txn)));
          assertThatThrownBy(() -> client(node).invoke(new Invocation("txn", request())))
              .as("reply %s", txn)
              .isInstanceOf(MalformedResponseException.class)
              .hasMessageContaining("Maelstrom sent node n0")
              .hasMessageContaining("txn_ok")
              .hasMessageContaining(reason);
        });
  }

  @Test
  void generatorAppendsUniqueValuesPerKey() {
    WrTxnGenerator generator = new WrTxnGenerator(new Random(42), 10, 4, 16, "append");
    Map<Object, Set<Object>> appended = new HashMap<>();
    Set<String> functions = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      List<?> txn = (List<?>) generator.next(i % 3).value();
      assertThat(txn.size()).isBetween(1, 4);
      for (Object m : txn) {
        List<?> mop = (List<?>) m;
        functions.add((String) mop.get(0));
        if (mop.get(0).equals("append")) {
          assertThat(appended.computeIfAbsent(mop.get(1), k -> new HashSet<>()).add(mop.get(2))).isTrue();
          assertThat((Long) mop.get(2)).isBetween(1L, 16L);
        } else {
          assertThat(mop.get(2)).isNull();
        }
      }
    }
    assertThat(functions).containsExactlyInAnyOrder("r", "append");
  }
}
