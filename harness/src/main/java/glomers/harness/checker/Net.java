package glomers.harness.checker;

import glomers.harness.net.NetStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maelstrom's {@code net} result (docs/bench.md#journal-and-net-stats): message counts over all
 * messages, those to or from clients, and those between servers, with messages per client op. It
 * is always valid.
 */
public record Net(Group all, Group clients, Group servers) implements Result {
  /** One group's sends and recvs; {@code msgsPerOp} is null when the history has no op. */
  public record Group(long send, long recv, Double msgsPerOp) {
    /** Every message is sent once, so a group's distinct messages are its sends. */
    public long msgs() {
      return send;
    }

    Map<String, Object> json() {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("send-count", send);
      group.put("recv-count", recv);
      group.put("msg-count", msgs());
      if (msgsPerOp != null) {
        group.put("msgs-per-op", msgsPerOp);
      }
      return group;
    }
  }

  /** The counts of a history with {@code opCount} client invocations. */
  public static Net of(NetStats.Counts c, long opCount) {
    long sends = c.clientSend() + c.serverSend();
    // Maelstrom divides as 32-bit floats.
    Double allPerOp = opCount > 0 ? (double) ((float) sends / (float) opCount) : null;
    Double serversPerOp = opCount > 0 ? (double) ((float) c.serverSend() / (float) opCount) : null;
    return new Net(new Group(sends, c.clientRecv() + c.serverRecv(), allPerOp), new Group(c.clientSend(), c.clientRecv(), null),
        new Group(c.serverSend(), c.serverRecv(), serversPerOp));
  }

  /** The entry a run wrote, read back from its results.json; null if it is not one. */
  public static Net fromJson(Object json) {
    if (!(json instanceof Map<?, ?> net)) {
      return null;
    }
    Group all = group(net.get("all"));
    Group clients = group(net.get("clients"));
    Group servers = group(net.get("servers"));
    return all == null || clients == null || servers == null ? null : new Net(all, clients, servers);
  }

  private static Group group(Object json) {
    if (!(json instanceof Map<?, ?> g) || !(g.get("send-count") instanceof Number send)
        || !(g.get("recv-count") instanceof Number recv)) {
      return null;
    }
    return new Group(send.longValue(), recv.longValue(), g.get("msgs-per-op") instanceof Number n ? n.doubleValue() : null);
  }

  @Override
  public Validity valid() {
    return Validity.TRUE;
  }

  /** As Maelstrom writes it: the groups, then the verdict last. */
  @Override
  public Map<String, Object> json() {
    Map<String, Object> net = new LinkedHashMap<>();
    net.put("all", all.json());
    net.put("clients", clients.json());
    net.put("servers", servers.json());
    net.putAll(Result.entry(Validity.TRUE));
    return net;
  }
}
