package glomers.runtime.internal;

import glomers.runtime.spi.Dispatcher;

import glomers.runtime.testing.VirtualClock;
import glomers.runtime.internal.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One node on an in-memory transport and virtual time: every step runs to quiescence. */
final class NodeFixture {
  final VirtualClock clock = new VirtualClock();
  final List<Throwable> loopFailures = new ArrayList<>();
  final EventLoop loop = new EventLoop(clock, loopFailures::add);
  final InMemoryTransport transport = new InMemoryTransport();
  final List<String> logs = new ArrayList<>();
  final MaelstromNode node;

  NodeFixture(Dispatcher dispatcher) {
    node = new MaelstromNode(dispatcher, transport, loop, logs::add);
    node.start();
  }

  static NodeFixture initialised(Dispatcher dispatcher, String id, String... ids) {
    NodeFixture fixture = new NodeFixture(dispatcher);
    fixture.deliver(init(id, ids));
    fixture.transport.takeSent();
    return fixture;
  }

  static String init(String id, String... ids) {
    return "{\"id\":0,\"src\":\"c0\",\"dest\":\"" + id + "\",\"body\":{\"type\":\"init\",\"msg_id\":1,"
        + "\"node_id\":\"" + id + "\",\"node_ids\":[\"" + String.join("\",\"", ids) + "\"]}}";
  }

  /** Delivers lines and runs everything they cause at the current virtual time. */
  void deliver(String... lines) {
    for (String line : lines) {
      transport.deliver(line);
    }
    loop.runReady();
  }

  void advance(Duration by) {
    loop.advance(by);
  }

  List<String> sent() {
    return transport.takeSent();
  }

  /** Runs {@code action} on the loop, as a handler or timer would. */
  void onLoop(Runnable action) {
    loop.execute(action);
    loop.runReady();
  }
}
