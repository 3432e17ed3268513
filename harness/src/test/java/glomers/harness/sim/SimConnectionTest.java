package glomers.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.net.Journal;
import glomers.harness.net.LatencyModel;
import glomers.harness.net.Message;
import glomers.harness.net.Network;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SimConnectionTest {
  private final Scheduler sim = new Scheduler();
  private final Network network =
      new Network(LatencyModel.of("constant", 0), new Random(1), Journal.discarding(), false, false, sim::now);
  private final List<Object> results = new ArrayList<>();

  /** A server that answers after {@code delayNanos}, first with a stray reply to another msg_id. */
  private void server(String id, long delayNanos) {
    Member.attach(sim, network, id, request -> sim.at(sim.now() + delayNanos, () -> {
      try {
        long msgId = request.body().get("msg_id").asLong();
        network.send(id, request.src(), reply(msgId + 100));
        network.send(id, request.src(), reply(msgId));
      } catch (Network.UnknownMemberException e) {
        results.add("unknown " + e.getMessage());
      }
    }));
  }

  private static ObjectNode reply(long inReplyTo) {
    ObjectNode body = glomers.harness.json.Json.NODES.objectNode();
    body.put("type", "echo_ok");
    body.put("in_reply_to", inReplyTo);
    return body;
  }

  private void call(SimConnection client, Duration timeout) {
    try {
      Map<String, Object> reply = client.call(Map.of("type", "echo"), timeout);
      results.add(reply.get("in_reply_to") + " at " + sim.now());
    } catch (TimeoutException e) {
      results.add("timeout at " + sim.now());
    }
  }

  @Test
  void aReplyIsMatchedByInReplyToAndStrayRepliesAreDropped() {
    server("n0", 30);
    SimConnection client = new SimConnection(sim, network, "n0");
    Coroutine c = Coroutine.start(sim, "client", () -> {
      call(client, Duration.ofNanos(1_000));
      call(client, Duration.ofNanos(1_000));
    });

    sim.runWhile(() -> !c.finished());

    assertThat(client.id()).isEqualTo("c0");
    assertThat(results).containsExactly("1 at 30", "2 at 60");
  }

  @Test
  void noReplyWithinTheTimeoutIsATimeoutAtThatVirtualTime() {
    server("n0", 5_000);
    SimConnection client = new SimConnection(sim, network, "n0");
    Coroutine c = Coroutine.start(sim, "client", () -> call(client, Duration.ofNanos(1_000)));

    sim.runWhile(() -> !c.finished());

    assertThat(results).containsExactly("timeout at 1000");
  }

  @Test
  void aClosedClientRefusesCallsAndLeavesTheNetwork() {
    server("n0", 0);
    SimConnection client = new SimConnection(sim, network, "n0");
    client.close();

    assertThat(network.isMember(client.id())).isFalse();
    Throwable thrown = catchThrowable(() -> client.call(Map.of("type", "echo"), Duration.ofSeconds(1)));
    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  private Message message(long id, String src, String dest, long deadline) {
    return new Message(id, src, dest, reply(id), reply(id).toString(), deadline);
  }

  @Test
  void aMemberTakesOneMessageAtATimeSoALongDelayHoldsUpTheMessagesBehindIt() {
    List<String> got = new ArrayList<>();
    Member member = new Member(sim, network, "n1", m -> got.add(m.id() + " at " + sim.now()));
    network.attach("n1", member);
    network.attach("n0", m -> {});
    sim.at(0, () -> member.offer(message(1, "n0", "n1", 100)));
    // Due earlier, but sent once the first was already taken: it waits behind it, as in Maelstrom.
    sim.at(10, () -> member.offer(message(2, "n0", "n1", 50)));
    sim.at(10, () -> member.offer(message(3, "n0", "n1", 40)));

    sim.runWhile(() -> true);

    assertThat(got).containsExactly("1 at 100", "3 at 100", "2 at 100");
  }

  @Test
  void aPartitionDropsAMessageWhenTheReceiverTakesIt() {
    List<String> got = new ArrayList<>();
    Member member = new Member(sim, network, "n1", m -> got.add(m.id() + " at " + sim.now()));
    network.attach("n1", member);
    network.attach("n0", m -> {});
    network.attach("n2", m -> {});
    sim.at(0, () -> member.offer(message(1, "n0", "n1", 100)));
    // Cut n0 -> n1 while message 1 is in flight: it was taken before the cut and still arrives.
    sim.at(5, () -> network.partitions().add(Map.of("n1", java.util.Set.of("n0"))));
    // Queued behind message 1, taken after the cut: dropped then; n2's is not cut.
    sim.at(6, () -> member.offer(message(2, "n0", "n1", 20)));
    sim.at(7, () -> member.offer(message(3, "n2", "n1", 30)));

    sim.runWhile(() -> true);

    assertThat(got).containsExactly("1 at 100", "3 at 100");
  }
}
