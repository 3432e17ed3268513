package glomers.solutions.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.service.Service;
import glomers.harness.service.ServiceHost;
import glomers.runtime.spi.Dispatcher;
import glomers.runtime.testing.LocalNode;
import glomers.runtime.testing.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Many nodes of one solution in this process, on one virtual clock, with a simulated network:
 * fixed latency between servers (and to services), none to clients, and partitions that drop
 * messages at delivery, as Maelstrom's network does. Everything runs on the calling thread, so a
 * test is deterministic for a given seed and takes milliseconds of real time.
 */
public final class Cluster {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VirtualClock clock = new VirtualClock();
  private final Dispatcher dispatcher;
  private final List<String> ids;
  private final Map<String, LocalNode> nodes = new LinkedHashMap<>();
  private final Set<String> dead = new HashSet<>();
  // Raised at each kill and each restart: a message is delivered only into the queue it was sent to.
  private final Map<String, Integer> epochs = new HashMap<>();
  private final Map<String, Service> services = new HashMap<>();
  private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>();
  private final Set<List<String>> cut = new HashSet<>();
  private final Map<String, Map<String, Object>> clientInbox = new HashMap<>();
  private final List<String> logs = new ArrayList<>();
  private final long latencyNanos;
  private long sequence;
  private int nextClient;
  private long serverMessages;
  private final Map<String, Long> serverMessagesByType = new HashMap<>();
  private long dropped;
  private Watcher watcher;

  /** Sees every message as it is delivered, before its recipient does. */
  public interface Watcher {
    void delivered(String src, String dest, Map<String, Object> body);
  }

  private record InFlight(long deliverAt, long sequence, String src, String dest, String line,
      int destEpoch)
      implements Comparable<InFlight> {
    @Override
    public int compareTo(InFlight other) {
      int byTime = Long.compare(deliverAt, other.deliverAt);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  /** Starts {@code ids} nodes of {@code dispatcher}'s solution and initialises each. */
  public Cluster(Dispatcher dispatcher, List<String> ids, Duration latency, long seed) {
    this.latencyNanos = latency.toNanos();
    this.dispatcher = dispatcher;
    this.ids = List.copyOf(ids);
    for (Service service : ServiceHost.standard(new Random(seed))) {
      services.put(service.id(), service);
    }
    for (String id : ids) {
      nodes.put(id, newNode(id));
    }
    for (String id : ids) {
      init(id);
    }
  }

  private LocalNode newNode(String id) {
    return new LocalNode(dispatcher, clock, line -> send(id, line), logs::add,
        failure -> logs.add(id + " task failed: " + failure));
  }

  private void init(String id) {
    Map<String, Object> reply = call(id, Map.of("type", "init", "node_id", id, "node_ids", ids));
    if (!"init_ok".equals(reply.get("type"))) {
      throw new IllegalStateException(id + " answered init with " + reply);
    }
  }

  /**
   * Kills {@code id} as Maelstrom's kill nemesis does: its instance, timers and pending rpcs are
   * gone, and messages to it are lost until {@link #restart}; what it sent before is still
   * delivered.
   */
  public void kill(String id) {
    if (nodes.remove(id) == null) {
      throw new IllegalStateException(id + " is not running");
    }
    dead.add(id);
    epochs.merge(id, 1, Integer::sum);
  }

  /** Starts a fresh instance of the killed {@code id} and initialises it, as Maelstrom's start does. */
  public void restart(String id) {
    if (!dead.remove(id)) {
      throw new IllegalStateException(id + " was not killed");
    }
    epochs.merge(id, 1, Integer::sum);
    nodes.put(id, newNode(id));
    init(id);
  }

  /** A client request to {@code node}; runs the cluster until the reply arrives (5 s at most). */
  public Map<String, Object> call(String node, Map<String, Object> body) {
    return await(submit(node, body));
  }

  /**
   * Sends a client request to {@code node} without running the cluster, so several can be in
   * flight at once; returns the client to {@link #await} the reply of.
   */
  public String submit(String node, Map<String, Object> body) {
    String client = "c" + nextClient++;
    Map<String, Object> request = new LinkedHashMap<>(body);
    request.put("msg_id", 1);
    send(client, envelope(client, node, request));
    return client;
  }

  /** Runs the cluster until {@code client}'s reply arrives (5 s at most) and returns it. */
  public Map<String, Object> await(String client) {
    runUntil(() -> clientInbox.containsKey(client), Duration.ofSeconds(5));
    Map<String, Object> reply = clientInbox.remove(client);
    if (reply == null) {
      throw new AssertionError(client + " got no answer within 5 s");
    }
    return reply;
  }

  /** {@code client}'s reply if it has come, else null; does not run the cluster. */
  public Map<String, Object> replyTo(String client) {
    return clientInbox.remove(client);
  }

  /** Whether {@code id} is killed and not restarted yet. */
  public boolean isDead(String id) {
    return dead.contains(id);
  }

  /** Lets {@code duration} of virtual time pass, delivering messages and firing timers. */
  public void run(Duration duration) {
    runUntil(() -> false, duration);
  }

  /** Cuts both directions between every node of {@code side} and every node not in it. */
  public void partition(Set<String> side) {
    for (String a : ids) {
      for (String b : ids) {
        if (side.contains(a) != side.contains(b)) {
          cut.add(List.of(a, b));
        }
      }
    }
  }

  /**
   * Drops every message from {@code src} to {@code dest}, one direction only; either may be a
   * service, so a test can lose a service's replies, as a timeout would.
   */
  public void cut(String src, String dest) {
    cut.add(List.of(src, dest));
  }

  /**
   * Shows {@code watcher} every message from now on at its delivery (not those a partition drops),
   * so a test can check the order in which things happen at their destination.
   */
  public void watch(Watcher watcher) {
    this.watcher = watcher;
  }

  public void heal() {
    cut.clear();
  }

  /** The virtual time, in milliseconds since the cluster started. */
  public long nowMillis() {
    return clock.nanos() / 1_000_000;
  }

  /** The nodes' ids, in the order they were given. */
  public List<String> ids() {
    return ids;
  }

  /** Messages sent so far with no client at either end: Maelstrom's servers msg-count. */
  public long serverMessages() {
    return serverMessages;
  }

  /** Server messages sent so far whose body has type {@code type}. */
  public long serverMessages(String type) {
    return serverMessagesByType.getOrDefault(type, 0L);
  }

  /** Server messages sent so far, by body type. */
  public Map<String, Long> serverMessageTypes() {
    return new java.util.TreeMap<>(serverMessagesByType);
  }

  /** Messages a partition or a kill has dropped so far. */
  public long dropped() {
    return dropped;
  }

  /** Every node's log lines so far, each prefixed with its node id. */
  public List<String> logs() {
    return logs;
  }

  private void runUntil(BooleanSupplier done, Duration limit) {
    long end = clock.nanos() + limit.toNanos();
    while (true) {
      settle();
      if (done.getAsBoolean()) {
        return;
      }
      long next = nextEvent();
      if (next > end) {
        clock.set(end);
        settle();
        return;
      }
      clock.set(Math.max(next, clock.nanos()));
    }
  }

  /** Delivers what is due and runs every loop until nothing more happens at this instant. */
  private void settle() {
    boolean progress = true;
    while (progress) {
      progress = false;
      while (!inFlight.isEmpty() && inFlight.peek().deliverAt() <= clock.nanos()) {
        deliver(inFlight.poll());
        progress = true;
      }
      for (LocalNode node : nodes.values()) {
        progress |= node.runReady() > 0;
      }
    }
  }

  private long nextEvent() {
    long next = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().deliverAt();
    for (LocalNode node : nodes.values()) {
      next = Math.min(next, node.nextDeadline());
    }
    return next;
  }

  private void send(String src, String line) {
    Map<String, Object> message = parse(line);
    String dest = (String) message.get("dest");
    boolean client = isClient(src) || isClient(dest);
    if (!client) {
      serverMessages++;
      @SuppressWarnings("unchecked")
      Map<String, Object> body = (Map<String, Object>) message.get("body");
      serverMessagesByType.merge(String.valueOf(body.get("type")), 1L, Long::sum);
    }
    long latency = client ? 0 : latencyNanos;
    inFlight.add(new InFlight(clock.nanos() + latency, sequence++, src, dest, line,
        epochs.getOrDefault(dest, 0)));
  }

  @SuppressWarnings("unchecked")
  private void deliver(InFlight message) {
    if (cut.contains(List.of(message.src(), message.dest()))) {
      dropped++;
      return;
    }
    if (dead.contains(message.dest())
        || message.destEpoch() != epochs.getOrDefault(message.dest(), 0)) {
      dropped++;   // to a killed node, or queued for it before a restart: lost
      return;
    }
    if (watcher != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> seen = (Map<String, Object>) parse(message.line()).get("body");
      watcher.delivered(message.src(), message.dest(), seen);
    }
    LocalNode node = nodes.get(message.dest());
    if (node != null) {
      node.deliver(message.line());
      return;
    }
    Map<String, Object> body = (Map<String, Object>) parse(message.line()).get("body");
    Service service = services.get(message.dest());
    if (service != null) {
      Map<String, Object> reply = service.handle(message.src(), body);
      if (reply != null) {
        Map<String, Object> answer = new LinkedHashMap<>(reply);
        answer.put("in_reply_to", body.get("msg_id"));
        send(service.id(), envelope(service.id(), message.src(), answer));
      }
      return;
    }
    if (isClient(message.dest())) {
      clientInbox.put(message.dest(), body);
      return;
    }
    throw new IllegalStateException("message to unknown member " + message.dest() + ": " + message.line());
  }

  private static boolean isClient(String id) {
    return id.startsWith("c");
  }

  private static String envelope(String src, String dest, Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(Map.of("src", src, "dest", dest, "body", body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String line) {
    try {
      return JSON.readValue(line, Map.class);
    } catch (JsonProcessingException e) {
      throw new AssertionError("a node wrote something that is not JSON: " + line, e);
    }
  }
}
