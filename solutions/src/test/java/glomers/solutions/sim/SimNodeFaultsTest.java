package glomers.solutions.sim;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.json.Json;
import glomers.harness.net.Journal;
import glomers.harness.net.LatencyModel;
import glomers.harness.net.Network;
import glomers.harness.sim.Member;
import glomers.harness.sim.Scheduler;
import glomers.harness.sim.SimNodes;
import glomers.harness.sim.Solutions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and pause of a simulated node, on virtual time: a pause stops its event loop (nothing is
 * delivered, no timer fires, what is sent waits) and a resume fires the timers that fell due, in
 * order, before the messages that waited; a kill drops the instance with its timers, and what is
 * sent to the dead node is lost.
 */
class SimNodeFaultsTest {
  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  private final Scheduler sim = new Scheduler();
  /** What client c9 received: "time-in-ms type [timer]". */
  private final List<String> received = new ArrayList<>();
  /** The journal's events for node n0: "time-in-ms send|recv type". */
  private final List<String> journaled = new ArrayList<>();
  private final List<String> aborts = new ArrayList<>();
  private Network network;
  private Journal journal;
  private SimNodes nodes;
  private long msgId;

  @BeforeEach
  void startNode() throws Exception {
    journal = Journal.open(dir.resolve("journal.jsonl"), sim::now);
    journal.listen((time, send, message) -> {
      if (message.dest().equals("n0")) {
        journaled.add(time / MS + " " + (send ? "send" : "recv") + " " + message.body().get("type").asText());
      }
    });
    network = new Network(LatencyModel.of("constant", 0), new Random(1), journal, false, false, sim::now);
    nodes = new SimNodes(sim, network, Solutions.byName("timers"), List.of("n0"), dir.resolve("node-logs"), aborts::add,
        false);
    Member.attach(sim, network, "c9", message -> received.add(sim.now() / MS + " " + message.body().get("type").asText()
        + (message.body().has("timer") ? " " + message.body().get("timer").asLong() : "")));
    send(0, "init");
    send(0, "arm");
  }

  @AfterEach
  void close() throws Exception {
    nodes.close();
    journal.close();
    assertThat(aborts).isEmpty();
  }

  private void send(long atMs, String type) {
    sim.at(atMs * MS, () -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", type);
      body.put("msg_id", ++msgId);
      if (type.equals("init")) {
        body.put("node_id", "n0");
        body.put("node_ids", List.of("n0"));
      }
      try {
        network.send("c9", "n0", Json.toObject(body));
      } catch (Network.UnknownMemberException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private final List<String> words = new ArrayList<>();

  private void at(long atMs, Runnable action) {
    sim.at(atMs * MS, action);
  }

  @Test
  void aPausedNodeHandlesNothingUntilItResumesThenFiresItsDueTimersInOrderBeforeWhatWaited() throws Exception {
    at(50, () -> words.add(nodes.pause("n0")));
    at(60, () -> words.add(nodes.pause("n0")));
    send(150, "ping");
    at(400, () -> words.add(nodes.resume("n0")));
    at(500, () -> words.add(nodes.resume("n0")));
    sim.runWhile(() -> true);

    assertThat(words).containsExactly("paused", "already-paused", "resumed", "not-paused");
    assertThat(received).containsExactly("0 init_ok", "0 arm_ok", "400 fired 1", "400 fired 2", "400 fired 3",
        "400 pong");
    // The ping waited in the node's inbox: sent at 150 ms, delivered at the resume.
    assertThat(journaled).containsSubsequence("150 send ping", "400 recv ping");
    nodes.close();
    assertThat(Files.readString(dir.resolve("node-logs/n0.log")))
        .contains("---- [bench] n0 paused by the nemesis at 0.050 s")
        .contains("---- [bench] n0 resumed by the nemesis at 0.400 s");
  }

  @Test
  void aKilledNodeLosesItsTimersAndWhatIsSentToItAndStartsAgainEmpty() throws Exception {
    at(150, () -> words.add(nodes.kill("n0")));
    send(200, "ping");
    at(250, () -> words.add(nodes.kill("n0")));
    at(260, () -> words.add(nodes.pause("n0")));
    at(270, () -> words.add(nodes.resume("n0")));
    at(500, () -> words.add(nodes.start("n0")));
    send(500, "init");
    send(510, "ping");
    at(600, () -> words.add(nodes.start("n0")));
    sim.runWhile(() -> true);

    assertThat(words).containsExactly("killed", "already-dead", "not-running", "not-running", "started",
        "already-running");
    // Timer 1 fired before the kill; 2 and 3 died with the instance; the ping sent to the dead node is lost.
    assertThat(received).containsExactly("0 init_ok", "0 arm_ok", "100 fired 1", "500 init_ok", "510 pong");
    assertThat(journaled).contains("200 send ping").doesNotContain("200 recv ping");
    assertThat(journaled.stream().filter(e -> e.endsWith("recv ping"))).containsExactly("510 recv ping");
    nodes.close();
    String log = Files.readString(dir.resolve("node-logs/n0.log"));
    assertThat(log).contains("---- [bench] n0 killed by the nemesis at 0.150 s: its instance, timers and pending RPCs"
        + " are gone (incarnation 1) ----");
    assertThat(log).contains("---- [bench] n0 started again by the nemesis at 0.500 s: a new instance, incarnation 2");
  }

  @Test
  void whatWaitedForAKilledNodeIsLostAtItsRestartAndAKilledPausedNodeStartsRunning() {
    at(50, () -> words.add(nodes.pause("n0")));
    send(60, "ping");
    at(70, () -> words.add(nodes.kill("n0")));
    at(80, () -> words.add(nodes.start("n0")));
    send(80, "init");
    send(90, "ping");
    sim.runWhile(() -> true);

    assertThat(words).containsExactly("paused", "killed", "started");
    assertThat(received).containsExactly("0 init_ok", "0 arm_ok", "80 init_ok", "90 pong");
  }
}
