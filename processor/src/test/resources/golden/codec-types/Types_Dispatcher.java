package sample.types;

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
public final class Types_Dispatcher implements Dispatcher {
  private static final Set<String> TYPES = Set.of("all");

  @Override
  public String solution() {
    return "types";
  }

  @Override
  public List<Codec<?>> codecs() {
    return List.of(
        Types_All_Codec.INSTANCE,
        Types_AllOk_Codec.INSTANCE,
        Types_Point_Codec.INSTANCE,
        Types_Label_Codec.INSTANCE);
  }

  @Override
  public Handlers bind(Node node) {
    return new Bound(node, new Types());
  }

  private static final class Bound implements Handlers {
    private final Node node;

    private final Types solution;

    Bound(Node node, Types solution) {
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
        case "all" -> reply(request, solution.all(Types_All_Codec.INSTANCE.read(body)));
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
