package glomers.runtime.internal;

import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.spi.Dispatcher;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.JsonShapeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What the processor would generate for a small solution, written by hand for runtime tests. */
public final class TestSolution implements Dispatcher {
  record Ping(String text) {}

  record Pong(String text) {}

  record Question(String text) {}

  record Answer(String text) {}

  record Gossip(String text) {}

  /** Every solution instance bound so far, newest last, so tests can reach into one. */
  static final List<Instance> BOUND = new ArrayList<>();

  @Override
  public String solution() {
    return "test";
  }

  @Override
  public List<Codec<?>> codecs() {
    return List.of(
        new TextCodec<>(Ping.class, "ping", Ping::new, Ping::text),
        new TextCodec<>(Pong.class, "pong", Pong::new, Pong::text),
        new TextCodec<>(Question.class, "question", Question::new, Question::text),
        new TextCodec<>(Answer.class, "answer", Answer::new, Answer::text),
        new TextCodec<>(Gossip.class, "gossip", Gossip::new, Gossip::text));
  }

  @Override
  public Instance bind(Node node) {
    Instance handlers = new Instance(node);
    BOUND.add(handlers);
    return handlers;
  }

  static final class Instance implements glomers.runtime.spi.Handlers {
    final Node node;
    final String idAtBind;
    int starts;
    final List<String> gossip = new ArrayList<>();

    Instance(Node node) {
      this.node = node;
      this.idAtBind = node.id();
    }

    @Override
    public boolean handles(String type) {
      return List.of("ping", "boom", "refuse", "ask", "gossip").contains(type);
    }

    @Override
    public void handle(Request request, JsonParser body) throws IOException {
      switch (request.type()) {
        case "ping" -> node.reply(request, new Pong(readText(body)));
        case "boom" -> throw new IllegalStateException("kaboom");
        case "refuse" -> throw RpcError.temporarilyUnavailable("busy");
        case "ask" -> {
          String text = readText(body);
          node.reply(request, node.rpc("n2", new Question(text), Answer.class)
              .thenApply(answer -> new Pong("n2 says " + answer.text())));
        }
        case "gossip" -> gossip.add(readText(body));
        default -> throw new AssertionError(request.type());
      }
    }

    @Override
    public void start() {
      starts++;
    }
  }

  static String readText(JsonParser body) throws IOException {
    String text = null;
    while (body.nextToken() == JsonToken.FIELD_NAME) {
      String name = body.currentName();
      JsonToken value = body.nextToken();
      if (name.equals("text")) {
        if (value != JsonToken.VALUE_STRING) {
          throw new JsonShapeException("text must be a string, got " + value);
        }
        text = body.getText();
      } else {
        body.skipChildren();
      }
    }
    if (text == null) {
      throw new JsonShapeException("missing text");
    }
    return text;
  }

  private record TextCodec<T>(
      Class<T> javaType, String wireType, java.util.function.Function<String, T> create,
      java.util.function.Function<T, String> text) implements Codec<T> {
    @Override
    public T read(JsonParser parser) throws IOException {
      return create.apply(readText(parser));
    }

    @Override
    public void writeFields(JsonGenerator generator, T value) throws IOException {
      generator.writeStringField("text", text.apply(value));
    }
  }
}
