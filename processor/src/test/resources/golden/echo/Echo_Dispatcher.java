package sample.echo;

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
public final class Echo_Dispatcher implements Dispatcher {
  private static final Set<String> TYPES = Set.of("echo");

  @Override
  public String solution() {
    return "echo";
  }

  @Override
  public List<Codec<?>> codecs() {
    return List.of(
        Echo_Request_Codec.INSTANCE,
        Echo_Reply_Codec.INSTANCE);
  }

  @Override
  public Handlers bind(Node node) {
    return new Bound(node, new Echo());
  }

  private static final class Bound implements Handlers {
    private final Node node;

    private final Echo solution;

    Bound(Node node, Echo solution) {
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
        case "echo" -> reply(request, solution.echo(Echo_Request_Codec.INSTANCE.read(body)));
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
