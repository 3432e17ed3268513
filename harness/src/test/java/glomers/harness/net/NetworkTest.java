package glomers.harness.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.json.Json;
import glomers.harness.checker.Net;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class NetworkTest {
  private static ObjectNode body(String type) {
    return Json.NODES.objectNode().put("type", type);
  }

  private static Network network(long latencyMillis) {
    return new Network(LatencyModel.of("constant", latencyMillis), new Random(1), Journal.discarding(), false, false);
  }

  @Test
  void serverTrafficGetsLatencyAndClientTrafficDoesNot() throws Exception {
    Network net = network(40);
    Inbox n1 = net.register("n1");
    Inbox n2 = net.register("n2");
    long before = System.nanoTime();
    Message m = net.send("n1", "n2", body("gossip"));
    assertThat(m.id()).isZero();
    assertThat(m.deadline() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
    assertThat(n2.take()).isSameAs(m);
    assertThat(System.nanoTime()).isGreaterThanOrEqualTo(m.deadline());

    net.register("c0");
    Message fromClient = net.send("c0", "n1", body("echo"));
    assertThat(fromClient.id()).isEqualTo(1);
    assertThat(fromClient.deadline()).isLessThanOrEqualTo(System.nanoTime());
    assertThat(n1.take()).isSameAs(fromClient);
  }

  @Test
  void unknownMembersAreRejected() {
    Network net = network(0);
    net.register("n1");
    assertThatThrownBy(() -> net.send("n1", "c9", body("x"))).isInstanceOf(Network.UnknownMemberException.class);
    assertThatThrownBy(() -> net.send("zz", "n1", body("x"))).isInstanceOf(Network.UnknownMemberException.class);
  }

  @Test
  void partitionIsCheckedWhenTheMessageIsTakenNotWhenSent() throws Exception {
    Network net = network(0);
    net.register("n1");
    net.register("n2");
    Inbox n3 = net.register("n3");
    net.send("n1", "n3", body("first"));
    net.send("n2", "n3", body("second"));
    net.partitions().add(Map.of("n3", Set.of("n1")));
    assertThat(n3.take().body().get("type").asText()).isEqualTo("second");
    net.partitions().heal();
    net.send("n1", "n3", body("third"));
    assertThat(n3.take().body().get("type").asText()).isEqualTo("third");
  }

  @Test
  void deliveryIsByDeadlineThenSendOrder() throws Exception {
    Network net = new Network(LatencyModel.of("uniform", 30), new Random(5), Journal.discarding(), false, false);
    net.register("n1");
    Inbox n2 = net.register("n2");
    for (int i = 0; i < 20; i++) {
      net.send("n1", "n2", body("m" + i));
    }
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < 20; i++) {
      Message m = n2.take();
      assertThat(m.deadline()).isGreaterThanOrEqualTo(previous);
      previous = m.deadline();
    }
  }

  @Test
  void clientsMatchRepliesAndDropStrays() throws Exception {
    Network net = network(0);
    Inbox n1 = net.register("n1");
    ClientConnection client = ClientConnection.open(net, "n1");
    assertThat(client.id()).isEqualTo("c0");
    Thread.ofVirtual().start(() -> {
      try {
        Message request = n1.take();
        long msgId = request.body().get("msg_id").asLong();
        net.send("n1", request.src(), body("stray").put("in_reply_to", msgId + 7));
        net.send("n1", request.src(), body("echo_ok").put("in_reply_to", msgId));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    Map<String, Object> reply = client.call(Map.of("type", "echo"), Duration.ofSeconds(5));
    assertThat(reply).containsEntry("type", "echo_ok").containsEntry("in_reply_to", 1L);
    assertThatThrownBy(() -> client.call(Map.of("type", "echo"), Duration.ofMillis(50)))
        .isInstanceOf(TimeoutException.class);
    assertThat(n1.take().body().get("msg_id").asLong()).isEqualTo(2);
    client.close();
    assertThat(net.isMember("c0")).isFalse();
    assertThat(ClientConnection.open(net, "n1").id()).isEqualTo("c1");
  }

  @Test
  void statsSplitClientAndServerTrafficAndDivideAsFloats() throws Exception {
    Journal journal = Journal.discarding();
    Network net = new Network(LatencyModel.of("constant", 0), new Random(1), journal, false, false);
    Inbox n1 = net.register("n1");
    Inbox n2 = net.register("n2");
    Inbox c0 = net.register("c0");
    net.register("seq-kv");
    net.send("c0", "n1", body("a"));
    n1.take();
    net.send("n1", "n2", body("b"));
    n2.take();
    net.send("n1", "seq-kv", body("read"));
    net.partitions().add(Map.of("n2", Set.of("n1")));
    net.send("n1", "n2", body("dropped"));
    net.send("n2", "c0", body("done"));
    c0.take();

    Map<String, Object> result = Net.of(journal.stats().counts(), 3).json();
    assertThat(result.get("clients")).isEqualTo(Map.of("send-count", 2L, "recv-count", 2L, "msg-count", 2L));
    @SuppressWarnings("unchecked")
    Map<String, Object> servers = (Map<String, Object>) result.get("servers");
    assertThat(servers).containsEntry("send-count", 3L).containsEntry("recv-count", 1L).containsEntry("msg-count", 3L);
    assertThat(servers.get("msgs-per-op")).isEqualTo(1.0);
    @SuppressWarnings("unchecked")
    Map<String, Object> all = (Map<String, Object>) result.get("all");
    assertThat(all.get("msgs-per-op")).isEqualTo((double) (5f / 3f));
    assertThat(Net.of(journal.stats().counts(), 0).json().get("all")).isEqualTo(Map.of("send-count", 5L, "recv-count", 3L, "msg-count", 5L));
    assertThat(result.get("valid?")).isEqualTo(true);
  }
}
