package sample.broadcast;

import com.fasterxml.jackson.core.JsonParser;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Dispatcher;
import glomers.runtime.spi.Handlers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Broadcast_Dispatcher implements Dispatcher {
  private static final Set<String> TYPES = Set.of("broadcast", "read", "topology", "gossip",
      "sync");

  @Override
  public String solution() {
    return "broadcast";
  }

  @Override
  public List<Codec<?>> codecs() {
    return List.of(
        Broadcast_Add_Codec.INSTANCE,
        Broadcast_AddOk_Codec.INSTANCE,
        Broadcast_Read_Codec.INSTANCE,
        Broadcast_ReadOk_Codec.INSTANCE,
        Broadcast_Topology_Codec.INSTANCE,
        Broadcast_TopologyOk_Codec.INSTANCE,
        Broadcast_Gossip_Codec.INSTANCE,
        Broadcast_SyncOk_Codec.INSTANCE,
        Broadcast_Sync_Codec.INSTANCE);
  }

  @Override
  public Handlers bind(Node node) {
    return new Bound(node, new Broadcast(node));
  }

  private static final class Bound implements Handlers {
    private final Node node;

    private final Broadcast solution;

    Bound(Node node, Broadcast solution) {
      this.node = node;
      this.solution = solution;
    }

    @Override
    public boolean handles(String type) {
      return TYPES.contains(type);
    }

    @Override
    public void handle(Request request, JsonParser body) throws IOException {
      switch (request.type()) {
        case "broadcast" -> reply(request,
            solution.add(Broadcast_Add_Codec.INSTANCE.read(body), request, node));
        case "read" -> reply(request, solution.read(Broadcast_Read_Codec.INSTANCE.read(body)));
        case "topology" -> reply(request,
            solution.topology(Broadcast_Topology_Codec.INSTANCE.read(body)));
        case "gossip" -> solution.gossip(Broadcast_Gossip_Codec.INSTANCE.read(body), node);
        case "sync" -> reply(request, solution.sync(Broadcast_Sync_Codec.INSTANCE.read(body)));
        default -> throw RpcError.notSupported("no handler for " + request.type());
      }
    }

    @Override
    public void start() {
      node.every(Duration.ofMillis(150), solution::spread);
      node.every(Duration.ofMillis(1000), () -> solution.tick(node));
    }

    private void reply(Request request, Record reply) {
      if (reply != null) {
        node.reply(request, reply);
      }
    }

    private void reply(Request request, CompletionStage<? extends Record> reply) {
      if (reply != null) {
        node.reply(request, reply);
      }
    }
  }
}
