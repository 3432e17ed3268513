package glomers.harness.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts journal events live (docs/bench.md#journal-and-net-stats). Every message is sent once
 * and its recv carries the same id in the same group, so a group's distinct-id count equals its
 * send count.
 */
public final class NetStats {
  private final LongAdder clientSends = new LongAdder();
  private final LongAdder clientRecvs = new LongAdder();
  private final LongAdder serverSends = new LongAdder();
  private final LongAdder serverRecvs = new LongAdder();

  public void recordSend(Message message) {
    (involvesClient(message) ? clientSends : serverSends).increment();
  }

  public void recordRecv(Message message) {
    (involvesClient(message) ? clientRecvs : serverRecvs).increment();
  }

  private static boolean involvesClient(Message message) {
    return Message.isClient(message.src()) || Message.isClient(message.dest());
  }

  public long serverSends() {
    return serverSends.sum();
  }

  public long allSends() {
    return serverSends.sum() + clientSends.sum();
  }

  /** The {@code :net} result for a history with {@code opCount} client invocations. */
  public Map<String, Object> toResult(long opCount) {
    return toResult(
        clientSends.sum(), clientRecvs.sum(), serverSends.sum(), serverRecvs.sum(), opCount);
  }

  static Map<String, Object> toResult(
      long clientSend, long clientRecv, long serverSend, long serverRecv, long opCount) {
    Map<String, Object> all = group(clientSend + serverSend, clientRecv + serverRecv);
    Map<String, Object> clients = group(clientSend, clientRecv);
    Map<String, Object> servers = group(serverSend, serverRecv);
    if (opCount > 0) {
      // Maelstrom divides as 32-bit floats.
      all.put("msgs-per-op", (double) ((float) (clientSend + serverSend) / (float) opCount));
      servers.put("msgs-per-op", (double) ((float) serverSend / (float) opCount));
    }
    Map<String, Object> net = new LinkedHashMap<>();
    net.put("all", all);
    net.put("clients", clients);
    net.put("servers", servers);
    net.put("valid?", true);
    return net;
  }

  private static Map<String, Object> group(long send, long recv) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("send-count", send);
    group.put("recv-count", recv);
    group.put("msg-count", send);
    return group;
  }
}
