package sample.nested;

import com.fasterxml.jackson.core.JsonParser;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Dispatcher;
import glomers.runtime.spi.Handlers;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Generated;

@Generated("glomers.processor.GlomersProcessor")
public final class Outer_Inner_Dispatcher implements Dispatcher {
  private static final Set<String> TYPES = Set.of("ping");

  @Override
  public String solution() {
    return "nested";
  }

  @Override
  public List<Codec<?>> codecs() {
    return List.of(
        Outer_Inner_Deep_Ping_Codec.INSTANCE,
        Outer_Inner_Pong_Codec.INSTANCE,
        Hello_Codec.INSTANCE);
  }

  @Override
  public Handlers bind(Node node) {
    return new Bound(node, new Outer.Inner());
  }

  private static final class Bound implements Handlers {
    private final Node node;

    private final Outer.Inner solution;

    Bound(Node node, Outer.Inner solution) {
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
        case "ping" -> reply(request,
            solution.ping(Outer_Inner_Deep_Ping_Codec.INSTANCE.read(body)));
        default -> throw RpcError.notSupported("no handler for " + request.type());
      }
    }

    @Override
    public void start() {
    }

    private void reply(Request request, Record reply) {
      if (reply != null) {
        node.reply(request, reply);
      }
    }
  }
}
