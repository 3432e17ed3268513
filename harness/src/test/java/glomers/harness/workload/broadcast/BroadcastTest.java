package glomers.harness.workload.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.SetFull;
import glomers.harness.options.TestOptions;
import glomers.harness.history.OpType;
import glomers.harness.options.SeqKvStaleness;
import glomers.harness.options.Faults;
import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.workload.FakeConnection;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BroadcastTest {
  private final BroadcastWorkload workload = new BroadcastWorkload();

  private static TestOptions options(String topology, String... nodes) {
    return new TestOptions(
        "broadcast", null, List.of(nodes), nodes.length, 20, 10, 0, "constant", Faults.NONE, 10, null,
        List.of(), null, 4, 16, topology, SeqKvStaleness.UNIFORM, false, false, false, 1, 1L, List.of());
  }

  @Test
  void setupSendsTheTopologyAndAcceptsTopologyOk() throws Exception {
    FakeConnection node = new FakeConnection().reply(Map.of("type", "topology_ok"));
    workload.setup(node, options("line", "n0", "n1"));
    assertThat(node.requests)
        .containsExactly(
            Map.of("type", "topology", "topology", Map.of("n0", List.of("n1"), "n1", List.of("n0"))));
    assertThat(node.timeouts.get(0).toMillis()).isEqualTo(5000);
  }

  @Test
  void setupWithoutTopologyOkThrows() {
    assertThatThrownBy(() -> workload.setup(new FakeConnection().timeout(), options("grid", "n0")))
        .isInstanceOf(TimeoutException.class);
    assertThatThrownBy(
            () -> workload.setup(new FakeConnection().reply(Map.of("type", "error", "code", 10L)), options("grid", "n0")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> workload.setup(new FakeConnection().reply(Map.of("type", "topology_ok", "x", 1L)), options("grid", "n0")))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void generatorMixesBroadcastsOfSuccessiveValuesWithReads() {
    Generator g = workload.generator(null, new Random(3));
    long broadcasts = 0;
    long expected = 0;
    for (int i = 0; i < 4000; i++) {
      Invocation op = g.next(i % 5);
      if (op.f().equals("broadcast")) {
        assertThat(op.value()).isEqualTo(expected++);
        broadcasts++;
      } else {
        assertThat(op).isEqualTo(new Invocation("read", null));
      }
    }
    assertThat(broadcasts).isBetween(1800L, 2200L);
    assertThat(workload.finalOps(3, null)).containsExactly(new Invocation("read", null, true));
    assertThat(workload.hasFinalPhase()).isTrue();
    assertThat(workload.checker(null)).isInstanceOf(SetFull.class);
  }

  @Test
  void concurrentWorkersNeverShareOrSkipABroadcastValue() throws Exception {
    Generator g = workload.generator(null, new Random(5));
    Set<Object> values = ConcurrentHashMap.newKeySet();
    AtomicLong broadcasts = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int worker = w;
      workers.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 20_000; i++) {
          Invocation op = g.next(worker);
          if (op.f().equals("broadcast")) {
            values.add(op.value());
            broadcasts.incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : workers) {
      t.join();
    }
    assertThat((long) values.size()).isEqualTo(broadcasts.get());
    assertThat(values).allSatisfy(v -> assertThat((Long) v).isBetween(0L, broadcasts.get() - 1));
  }

  @Test
  void clientBroadcastsAndReads() throws Exception {
    FakeConnection node =
        new FakeConnection()
            .reply(Map.of("type", "broadcast_ok"))
            .reply(Map.of("type", "read_ok", "messages", List.of(4L, 2L), "msg_id", 9L));
    Client client = workload.client(node, null);
    assertThat(client.invoke(new Invocation("broadcast", 4L))).isEqualTo(Completion.ok(4L));
    assertThat(client.invoke(new Invocation("read", null))).isEqualTo(Completion.ok(List.of(4L, 2L)));
    assertThat(node.requests)
        .containsExactly(Map.of("type", "broadcast", "message", 4L), Map.of("type", "read"));
  }

  @Test
  void readTimeoutFailsButBroadcastTimeoutIsIndeterminate() throws Exception {
    FakeConnection node = new FakeConnection().timeout().timeout();
    Client client = workload.client(node, null);
    assertThat(client.invoke(new Invocation("read", null)).type()).isEqualTo(OpType.FAIL);
    assertThat(client.invoke(new Invocation("broadcast", 1L)))
        .isEqualTo(Completion.info(1L, List.of("net-timeout")));
  }

  @Test
  void indefiniteErrorOnBroadcastIsInfoAndDefiniteIsFail() throws Exception {
    FakeConnection node =
        new FakeConnection()
            .reply(Map.of("type", "error", "code", 13L, "text", "boom"))
            .reply(Map.of("type", "error", "code", 11L, "text", "later"));
    Client client = workload.client(node, null);
    assertThat(client.invoke(new Invocation("broadcast", 1L)))
        .isEqualTo(Completion.info(1L, List.of("crash", "boom")));
    assertThat(client.invoke(new Invocation("broadcast", 2L)))
        .isEqualTo(Completion.fail(2L, List.of("temporarily-unavailable", "later")));
  }

  @Test
  void readOkWithExtraKeyIsMalformed() {
    FakeConnection node =
        new FakeConnection().reply(Map.of("type", "read_ok", "messages", List.of(), "count", 0L));
    assertThatThrownBy(() -> workload.client(node, null).invoke(new Invocation("read", null)))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void broadcastOkWithAnyBodyIsMalformed() {
    FakeConnection node = new FakeConnection().reply(Map.of("type", "broadcast_ok", "message", 1L));
    assertThatThrownBy(() -> workload.client(node, null).invoke(new Invocation("broadcast", 1L)))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void withoutATopologyOptionTheNodesGetTheGrid() throws Exception {
    FakeConnection node = new FakeConnection().reply(Map.of("type", "topology_ok"));
    workload.setup(node, options(null, "n0", "n1", "n2", "n3"));
    assertThat(node.requests.get(0).get("topology")).isEqualTo(Topology.of("grid", List.of("n0", "n1", "n2", "n3")));
    assertThat(node.requests.get(0).get("topology")).isNotEqualTo(Topology.of("line", List.of("n0", "n1", "n2", "n3")));
  }
}
