package glomers.harness.workload.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.Availability;
import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Validity;
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

class TxnRwRegisterTest {
  private final TxnRwRegisterWorkload workload = new TxnRwRegisterWorkload();

  private static List<Object> request() {
    return new ArrayList<>(List.of(Arrays.asList("r", 1L, null), Arrays.asList("w", 2L, 3L)));
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
  void sendsMaelstromsRequestAndKeepsTheReadsOfTheReply() throws Exception {
    FakeConnection node = new FakeConnection().reply(ok(List.of(Arrays.asList("r", 1L, 7L), List.of("w", 2L, 3L))));
    Completion done = client(node).invoke(new Invocation("txn", request()));

    assertThat(node.requests.get(0)).isEqualTo(Map.of("type", "txn", "txn", request()));
    assertThat(done).isEqualTo(Completion.ok(List.of(List.of("r", 1L, 7L), List.of("w", 2L, 3L))));
  }

  @Test
  void timeoutsAreInfoAndDefiniteErrorsFailBothWithTheRequest() throws Exception {
    FakeConnection node =
        new FakeConnection()
            .timeout()
            .reply(Map.of("type", "error", "code", 30L, "text", "conflict"))
            .reply(Map.of("type", "error", "code", 13L));
    Client client = client(node);

    assertThat(client.invoke(new Invocation("txn", request()))).isEqualTo(Completion.info(request(), List.of("net-timeout")));
    assertThat(client.invoke(new Invocation("txn", request())))
        .isEqualTo(Completion.fail(request(), List.of("txn-conflict", "conflict")));
    Completion crash = client.invoke(new Invocation("txn", request()));
    assertThat(crash.type()).isEqualTo(OpType.INFO);
    assertThat(crash.value()).isEqualTo(request());
  }

  @Test
  void everyDefiniteCodeFails() throws Exception {
    for (long code : new long[] {1, 10, 11, 12, 14, 20, 21, 22, 30}) {
      FakeConnection node = new FakeConnection().reply(Map.of("type", "error", "code", code));
      assertThat(client(node).invoke(new Invocation("txn", request())).type()).as("code %d", code).isEqualTo(OpType.FAIL);
    }
  }

  @Test
  void repliesThatAnswerAnotherTxnAreRefusedNamingNodeAndReply() {
    List<List<Object>> wrong =
        List.of(
            List.of(Arrays.asList("r", 1L, null)), // too short
            List.of(Arrays.asList("r", 1L, null), List.of("w", 2L, 3L), Arrays.asList("r", 5L, null)), // too long
            List.of(Arrays.asList("r", 9L, null), List.of("w", 2L, 3L)), // another key
            List.of(Arrays.asList("w", 1L, 5L), List.of("w", 2L, 3L)), // another function
            List.of(Arrays.asList("r", 1L, null), List.of("w", 2L, 4L)), // another write value
            List.of(Arrays.asList("r", 1L, null), List.of("w", 2L))); // not three elements
    for (List<Object> txn : wrong.stream().map(t -> (List<Object>) new ArrayList<Object>(t)).toList()) {
      FakeConnection node = new FakeConnection().reply(ok(txn));
      assertThatThrownBy(() -> client(node).invoke(new Invocation("txn", request())))
          .as("reply %s", txn)
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("node n0")
          .hasMessageContaining("txn_ok");
    }
  }

  @Test
  void aKeyOfAnotherJsonTypeIsKeptForTheCheckerToRefuse() throws Exception {
    FakeConnection node = new FakeConnection().reply(ok(List.of(Arrays.asList("r", "1", null), List.of("w", 2L, 3L))));
    assertThat(client(node).invoke(new Invocation("txn", request())).type()).isEqualTo(OpType.OK);
  }

  @Test
  void aNullKeyIsKeptForTheCheckerToRefuseToo() throws Exception {
    FakeConnection node = new FakeConnection().reply(ok(List.of(Arrays.asList("r", null, null), List.of("w", 2L, 3L))));
    assertThat(client(node).invoke(new Invocation("txn", request())).type()).isEqualTo(OpType.OK);
  }

  @Test
  void extraKeysAndAMissingTxnAreMalformed() {
    Map<String, Object> extra = ok(request());
    extra.put("note", "hi");
    assertThatThrownBy(() -> client(new FakeConnection().reply(extra)).invoke(new Invocation("txn", request())))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("disallowed key note");
    assertThatThrownBy(() -> client(new FakeConnection().reply(ok(null))).invoke(new Invocation("txn", request())))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void totalAvailabilityFailsOnAnyNonOkTxn() {
    HistoryBuilder h = new HistoryBuilder();
    h.invoke(0, "txn", request()).ok(0, "txn", request());
    h.invoke(1, "txn", request()).fail(1, "txn", request(), List.of("txn-conflict", "x"));
    assertThat(new Availability("total").check(h.build()).valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void generatorFollowsEllesWrTxns() {
    WrTxnGenerator generator = new WrTxnGenerator(new Random(42), 10, 4, 16);
    Map<Long, Set<Long>> written = new HashMap<>();
    Map<Long, Integer> keyUses = new HashMap<>();
    int[] lengths = new int[5];
    int reads = 0;
    int mops = 0;
    long maxKey = 0;
    for (int i = 0; i < 20_000; i++) {
      Invocation invocation = generator.next(i % 3);
      assertThat(invocation.f()).isEqualTo("txn");
      List<?> txn = (List<?>) invocation.value();
      assertThat(txn.size()).isBetween(1, 4);
      lengths[txn.size()]++;
      for (Object o : txn) {
        List<?> mop = (List<?>) o;
        assertThat(mop).hasSize(3);
        long key = (Long) mop.get(1);
        maxKey = Math.max(maxKey, key);
        keyUses.merge(key, 1, Integer::sum);
        mops++;
        if (mop.get(0).equals("r")) {
          reads++;
          assertThat(mop.get(2)).isNull();
        } else {
          long value = (Long) mop.get(2);
          assertThat(value).isBetween(1L, 16L);
          assertThat(written.computeIfAbsent(key, k -> new HashSet<>()).add(value)).as("unique write %d=%d", key, value).isTrue();
        }
      }
    }
    for (int length = 1; length <= 4; length++) {
      assertThat(lengths[length]).isBetween(4_500, 5_500);
    }
    assertThat(reads / (double) mops).isBetween(0.47, 0.53);
    // Keys are retired after 16 writes and replaced by fresh ones.
    assertThat(maxKey).isGreaterThan(100);
    assertThat(written.values()).allMatch(values -> values.size() <= 16).anyMatch(values -> values.size() == 16);
  }

  @Test
  void theMostPopularSlotIsAboutTwiceAsLikelyAsTheNext() {
    WrTxnGenerator generator = new WrTxnGenerator(new Random(1), 3, 1, 1_000_000);
    Map<Object, Integer> uses = new HashMap<>();
    for (int i = 0; i < 70_000; i++) {
      List<?> mop = (List<?>) ((List<?>) generator.txn()).get(0);
      uses.merge(mop.get(1), 1, Integer::sum);
    }
    // Slot i is 2^i times as likely as slot 0: 1/7, 2/7, 4/7.
    assertThat(uses.get(0L)).isBetween(9_000, 11_000);
    assertThat(uses.get(1L)).isBetween(18_500, 21_500);
    assertThat(uses.get(2L)).isBetween(38_000, 42_000);
  }
}
