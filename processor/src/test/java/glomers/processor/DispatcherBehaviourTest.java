package glomers.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Dispatcher;
import glomers.runtime.spi.Handlers;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives generated dispatchers loaded from an in-memory compilation of the samples. */
class DispatcherBehaviourTest {
  private static ClassLoader broadcast;
  private static ClassLoader echo;

  @BeforeAll
  static void compile() {
    broadcast = Samples.loader(Samples.compileOk("broadcast"));
    echo = Samples.loader(Samples.compileOk("echo"));
  }

  static Dispatcher dispatcher(ClassLoader loader, String name) throws Exception {
    return (Dispatcher) loader.loadClass(name).getDeclaredConstructor().newInstance();
  }

  static JsonParser body(String json) throws IOException {
    JsonParser parser = Json.FACTORY.createParser(json);
    assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
    return parser;
  }

  @Test
  void describesTheSolutionAndItsCodecs() throws Exception {
    Dispatcher dispatcher = dispatcher(broadcast, "sample.broadcast.Broadcast_Dispatcher");
    assertThat(dispatcher.solution()).isEqualTo("broadcast");
    assertThat(dispatcher.codecs())
        .extracting(Codec::wireType)
        .containsExactly(
            "broadcast", "broadcast_ok", "read", "read_ok", "topology", "topology_ok", "gossip",
            "sync_ok", "sync");
    assertThat(dispatcher.codecs())
        .extracting(c -> c.javaType().getName())
        .contains("sample.broadcast.Broadcast$Sync", "sample.broadcast.Broadcast$SyncOk");
  }

  @Test
  void handlesOnlyItsTypes() throws Exception {
    Handlers handlers = dispatcher(broadcast, "sample.broadcast.Broadcast_Dispatcher").bind(new FakeNode());
    assertThat(handlers.handles("broadcast")).isTrue();
    assertThat(handlers.handles("sync")).isTrue();
    assertThat(handlers.handles("init")).isFalse();
    assertThat(handlers.handles("broadcast_ok")).isFalse();
  }

  @Test
  void passesRecordRequestAndNodeAndRepliesWithTheResult() throws Exception {
    FakeNode node = new FakeNode();
    Handlers handlers = dispatcher(broadcast, "sample.broadcast.Broadcast_Dispatcher").bind(node);
    handlers.handle(
        new Request("c7", 3L, "broadcast"), body("{\"type\":\"broadcast\",\"msg_id\":3,\"message\":42}"));
    assertThat(node.logs).containsExactly("add 42 from c7");
    assertThat(node.replies).hasSize(1);
    assertThat(node.replies.get(0).getClass().getName()).isEqualTo("sample.broadcast.Broadcast$AddOk");
  }

  @Test
  void repliesWithACompletionStage() throws Exception {
    FakeNode node = new FakeNode();
    Handlers handlers = dispatcher(broadcast, "sample.broadcast.Broadcast_Dispatcher").bind(node);
    handlers.handle(new Request("c1", 1L, "broadcast"), body("{\"message\":5}"));
    handlers.handle(new Request("c1", 2L, "read"), body("{\"type\":\"read\"}"));
    assertThat(node.replies).hasSize(2);
    CompletionStage<?> stage = (CompletionStage<?>) node.replies.get(1);
    assertThat(stage.toCompletableFuture().join().toString()).isEqualTo("ReadOk[messages=[5]]");
  }

  @Test
  void voidHandlerSendsNoReplyAndGetsTheNode() throws Exception {
    FakeNode node = new FakeNode();
    Handlers handlers = dispatcher(broadcast, "sample.broadcast.Broadcast_Dispatcher").bind(node);
    handlers.handle(new Request("n1", null, "gossip"), body("{\"values\":[1,2],\"from\":\"n1\"}"));
    assertThat(node.replies).isEmpty();
    assertThat(node.logs).containsExactly("gossip from n1");
  }

  @Test
  void nullResultSendsNoReply() throws Exception {
    FakeNode node = new FakeNode();
    Handlers handlers = dispatcher(broadcast, "sample.broadcast.Broadcast_Dispatcher").bind(node);
    handlers.handle(new Request("c1", 1L, "topology"), body("{}"));
    assertThat(node.replies).isEmpty();
    handlers.handle(new Request("c1", 2L, "topology"), body("{\"topology\":{\"n0\":[\"n1\"]}}"));
    assertThat(node.replies).hasSize(1);
  }

  @Test
  void unknownTypeIsNotSupported() throws Exception {
    Handlers handlers = dispatcher(broadcast, "sample.broadcast.Broadcast_Dispatcher").bind(new FakeNode());
    assertThatThrownBy(() -> handlers.handle(new Request("c1", 1L, "cas"), body("{}")))
        .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.NOT_SUPPORTED))
        .hasMessageContaining("cas");
  }

  @Test
  void startSchedulesEveryTimerWithItsPeriod() throws Exception {
    FakeNode node = new FakeNode();
    Handlers handlers = dispatcher(broadcast, "sample.broadcast.Broadcast_Dispatcher").bind(node);
    handlers.handle(new Request("c1", 1L, "broadcast"), body("{\"message\":9}"));
    assertThat(node.timers).isEmpty();
    handlers.start();
    assertThat(node.timers.keySet()).containsExactly(Duration.ofMillis(150), Duration.ofMillis(1000));
    // The constructor got the node: the timer sends through it.
    node.timers.get(Duration.ofMillis(150)).run();
    assertThat(node.sent).containsExactly("n1 Gossip[values=[9], sender=n0]", "n2 Gossip[values=[9], sender=n0]");
    node.timers.get(Duration.ofMillis(1000)).run();
    assertThat(node.logs).endsWith("tick");
  }

  @Test
  void noArgConstructorSolutionEchoesVerbatim() throws Exception {
    FakeNode node = new FakeNode();
    Handlers handlers = dispatcher(echo, "sample.echo.Echo_Dispatcher").bind(node);
    handlers.handle(
        new Request("c1", 1L, "echo"), body("{\"type\":\"echo\",\"echo\":{\"a\":[1,2.5,null]}}"));
    assertThat(node.replies).extracting(Object::toString).containsExactly("Reply[echo={\"a\":[1,2.5,null]}]");
  }

  @Test
  void eachBindMakesAFreshSolution() throws Exception {
    Dispatcher dispatcher = dispatcher(broadcast, "sample.broadcast.Broadcast_Dispatcher");
    FakeNode first = new FakeNode();
    dispatcher.bind(first).handle(new Request("c1", 1L, "broadcast"), body("{\"message\":1}"));
    FakeNode second = new FakeNode();
    Handlers handlers = dispatcher.bind(second);
    handlers.handle(new Request("c1", 1L, "read"), body("{}"));
    CompletionStage<?> stage = (CompletionStage<?>) second.replies.get(0);
    assertThat(stage.toCompletableFuture().join().toString()).isEqualTo("ReadOk[messages=[]]");
  }

  @Test
  void listsTheDispatcherInTheServicesFile() throws Exception {
    var compilation = Samples.compileOk("nested-naming");
    var services =
        compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, GlomersProcessor.SERVICES);
    assertThat(services).isPresent();
    assertThat(services.get().getCharContent(true).toString()).isEqualTo("sample.nested.Outer_Inner_Dispatcher\n");
    List<String> names =
        List.of(dispatcher(Samples.loader(compilation), "sample.nested.Outer_Inner_Dispatcher").solution());
    assertThat(names).containsExactly("nested");
  }
}
