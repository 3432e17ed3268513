package glomers.runtime.internal;

import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MaelstromNodeTest {
  private static String msg(String src, String body) {
    return "{\"src\":\"" + src + "\",\"dest\":\"n1\",\"body\":" + body + "}";
  }

  private static String out(String dest, String body) {
    return "{\"src\":\"n1\",\"dest\":\"" + dest + "\",\"body\":" + body + "}";
  }

  private final NodeFixture fixture = NodeFixture.initialised(new TestSolution(), "n1", "n1", "n2", "n3");

  private TestSolution.Instance solution() {
    return (TestSolution.Instance) TestSolution.BOUND.get(TestSolution.BOUND.size() - 1);
  }

  @Test
  void initIsAnsweredAndSetsIdsBeforeTheSolutionIsCreated() {
    NodeFixture fresh = new NodeFixture(new TestSolution());
    fresh.deliver(NodeFixture.init("n2", "n1", "n2", "n3"));

    assertThat(fresh.sent()).containsExactly(
        "{\"src\":\"n2\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1}}");
    assertThat(fresh.node.id()).isEqualTo("n2");
    assertThat(fresh.node.nodeIds()).containsExactly("n1", "n2", "n3");
    assertThat(fresh.node.peers()).containsExactly("n1", "n3");
    assertThat(solution().idAtBind).isEqualTo("n2");
    assertThat(solution().starts).isEqualTo(1);
  }

  @Test
  void aSolutionThatFailsToStartAnswersInitWithACrashErrorFromTheNodeInitNamed() {
    TestSolution codecs = new TestSolution();
    NodeFixture fresh = new NodeFixture(new glomers.runtime.spi.Dispatcher() {
      @Override
      public String solution() {
        return "test";
      }

      @Override
      public List<glomers.runtime.spi.Codec<?>> codecs() {
        return codecs.codecs();
      }

      @Override
      public glomers.runtime.spi.Handlers bind(Node node) {
        throw new IllegalStateException("no config");
      }
    });
    fresh.deliver(NodeFixture.init("n2", "n1", "n2"));

    // The error must carry a src, or the bench cannot route it and reports a broken message instead.
    assertThat(fresh.sent()).containsExactly("{\"src\":\"n2\",\"dest\":\"c0\",\"body\":{\"type\":\"error\","
        + "\"in_reply_to\":1,\"code\":13,\"text\":\"solution failed to start: java.lang.IllegalStateException: no config\"}}");
    assertThat(fresh.logs).anyMatch(line -> line.contains("creating solution test failed"));
  }

  @Test
  void aSecondInitIsAnsweredAgainWithoutRestartingTheSolution() {
    TestSolution.Instance first = solution();
    fixture.deliver(NodeFixture.init("n1", "n1").replace("\"msg_id\":1", "\"msg_id\":7"));

    assertThat(fixture.sent()).containsExactly(out("c0", "{\"type\":\"init_ok\",\"in_reply_to\":7}"));
    assertThat(solution()).isSameAs(first);
    assertThat(first.starts).isEqualTo(1);
    assertThat(fixture.node.nodeIds()).containsExactly("n1", "n2", "n3");
    assertThat(fixture.logs).anyMatch(line -> line.contains("init again"));
  }

  @Test
  void aHandlerRepliesWithInReplyTo() {
    fixture.deliver(msg("c4", "{\"type\":\"ping\",\"msg_id\":5,\"text\":\"hi\"}"));

    assertThat(fixture.sent()).containsExactly(
        out("c4", "{\"type\":\"pong\",\"in_reply_to\":5,\"text\":\"hi\"}"));
  }

  @Test
  void aReplyToAMessageWithoutMsgIdGoesNowhereAndIsLoggedOncePerType() {
    fixture.deliver(msg("n2", "{\"type\":\"ping\",\"text\":\"a\"}"),
        msg("n3", "{\"type\":\"ping\",\"text\":\"b\"}"));

    assertThat(fixture.sent()).isEmpty();
    assertThat(fixture.logs).filteredOn(line -> line.contains("no msg_id")).containsExactly(
        "n1 not replying to ping from n2 with Pong: it has no msg_id (logged once per type)");
  }

  @Test
  void envelopeAndBodyKeysMayComeInAnyOrder() {
    fixture.deliver("{\"body\":{\"text\":\"x\",\"msg_id\":3,\"type\":\"ping\"},\"dest\":\"n1\",\"id\":9,"
        + "\"src\":\"c2\"}");

    assertThat(fixture.sent()).containsExactly(
        out("c2", "{\"type\":\"pong\",\"in_reply_to\":3,\"text\":\"x\"}"));
  }

  @Test
  void messagesBeforeInitWaitForItInOrder() {
    NodeFixture fresh = new NodeFixture(new TestSolution());
    fresh.deliver(
        msg("n2", "{\"type\":\"gossip\",\"text\":\"a\"}"),
        msg("c1", "{\"type\":\"ping\",\"msg_id\":1,\"text\":\"early\"}"),
        msg("n3", "{\"type\":\"gossip\",\"text\":\"b\"}"));
    assertThat(fresh.sent()).isEmpty();

    fresh.deliver(NodeFixture.init("n1", "n1", "n2", "n3"));

    assertThat(fresh.sent()).containsExactly(
        out("c0", "{\"type\":\"init_ok\",\"in_reply_to\":1}"),
        out("c1", "{\"type\":\"pong\",\"in_reply_to\":1,\"text\":\"early\"}"));
    assertThat(solution().gossip).containsExactly("a", "b");
  }

  @Test
  void sendCarriesNoMsgIdAndRpcsNumberTheirRequests() {
    fixture.onLoop(() -> {
      fixture.node.send("n2", new TestSolution.Gossip("g"));
      fixture.node.rpc("n2", new TestSolution.Question("q1"), TestSolution.Answer.class);
      fixture.node.rpc("n3", new TestSolution.Question("q2"), TestSolution.Answer.class);
    });

    assertThat(fixture.sent()).containsExactly(
        out("n2", "{\"type\":\"gossip\",\"text\":\"g\"}"),
        out("n2", "{\"type\":\"question\",\"msg_id\":1,\"text\":\"q1\"}"),
        out("n3", "{\"type\":\"question\",\"msg_id\":2,\"text\":\"q2\"}"));
  }

  @Test
  void anRpcCompletesOnTheLoopWithTheDecodedReply() {
    List<String> seen = new ArrayList<>();
    fixture.onLoop(() -> fixture.node
        .rpc("n2", new TestSolution.Question("q"), TestSolution.Answer.class)
        .thenAccept(answer -> seen.add(answer.text() + (fixture.loop.inLoop() ? " on loop" : " elsewhere"))));

    fixture.deliver(msg("n2", "{\"in_reply_to\":1,\"type\":\"answer\",\"text\":\"42\"}"));

    assertThat(seen).containsExactly("42 on loop");
  }

  @Test
  void aHandlerCanAnswerWithTheOutcomeOfAnRpc() {
    fixture.deliver(msg("c1", "{\"type\":\"ask\",\"msg_id\":8,\"text\":\"why\"}"));
    assertThat(fixture.sent()).containsExactly(out("n2", "{\"type\":\"question\",\"msg_id\":1,\"text\":\"why\"}"));

    fixture.deliver(msg("n2", "{\"type\":\"answer\",\"in_reply_to\":1,\"text\":\"because\"}"));

    assertThat(fixture.sent()).containsExactly(
        out("c1", "{\"type\":\"pong\",\"in_reply_to\":8,\"text\":\"n2 says because\"}"));
  }

  @Test
  void anErrorReplyFailsTheRpcWithItsCodeAndText() {
    CompletableFuture<TestSolution.Answer> answer = rpcToN2();

    fixture.deliver(msg("n2", "{\"type\":\"error\",\"in_reply_to\":1,\"code\":22,\"text\":\"nope\"}"));

    assertThat(answer).isCompletedExceptionally();
    RpcError error = RpcError.from(answer.handle((ok, failure) -> failure).join());
    assertThat(error.code()).isEqualTo(22);
    assertThat(error.text()).isEqualTo("nope");
  }

  @Test
  void anErrorFromAnRpcIsPassedOnToTheClient() {
    fixture.deliver(msg("c1", "{\"type\":\"ask\",\"msg_id\":8,\"text\":\"why\"}"));
    fixture.deliver(msg("n2", "{\"type\":\"error\",\"in_reply_to\":1,\"code\":11,\"text\":\"later\"}"));

    assertThat(fixture.sent()).last().isEqualTo(
        out("c1", "{\"type\":\"error\",\"in_reply_to\":8,\"code\":11,\"text\":\"later\"}"));
  }

  @Test
  void anRpcTimesOutOnVirtualTimeAndItsLateReplyIsDropped() {
    CompletableFuture<TestSolution.Answer> answer = rpcToN2();

    fixture.advance(Node.DEFAULT_RPC_TIMEOUT.minusMillis(1));
    assertThat(answer).isNotDone();
    fixture.advance(Duration.ofMillis(1));
    assertThat(answer).isCompletedExceptionally();
    assertThat(RpcError.from(answer.handle((ok, failure) -> failure).join()).code())
        .isEqualTo(RpcError.TIMEOUT);

    fixture.deliver(msg("n2", "{\"type\":\"answer\",\"in_reply_to\":1,\"text\":\"late\"}"));
    assertThat(fixture.sent()).isEmpty();
    assertThat(fixture.logs).last().asString().contains("dropped a reply to unknown or timed-out msg_id 1");
  }

  @Test
  void anRpcWithItsOwnTimeout() {
    CompletableFuture<?>[] answer = new CompletableFuture<?>[1];
    fixture.onLoop(() -> answer[0] = fixture.node.rpc(
        "n2", new TestSolution.Question("q"), TestSolution.Answer.class, Duration.ofMillis(50)));

    fixture.advance(Duration.ofMillis(50));

    assertThat(answer[0]).isCompletedExceptionally();
  }

  @Test
  void aReplyOfAnotherTypeFailsTheRpcClearly() {
    CompletableFuture<TestSolution.Answer> answer = rpcToN2();

    fixture.deliver(msg("n2", "{\"type\":\"pong\",\"in_reply_to\":1,\"text\":\"?\"}"));

    RpcError error = RpcError.from(answer.handle((ok, failure) -> failure).join());
    assertThat(error.code()).isEqualTo(RpcError.CRASH);
    assertThat(error.text()).contains("expected 'answer'").contains("got 'pong'");
  }

  @Test
  void aReplyThatDoesNotFitFailsTheRpc() {
    CompletableFuture<TestSolution.Answer> answer = rpcToN2();

    fixture.deliver(msg("n2", "{\"type\":\"answer\",\"in_reply_to\":1,\"text\":7}"));

    assertThat(RpcError.from(answer.handle((ok, failure) -> failure).join()).text())
        .contains("does not fit Answer").contains("text must be a string");
  }

  @Test
  void aReplyToNothingIsDropped() {
    fixture.deliver(msg("n2", "{\"type\":\"answer\",\"in_reply_to\":99,\"text\":\"?\"}"));

    assertThat(fixture.sent()).isEmpty();
    assertThat(fixture.logs).last().asString().contains("msg_id 99");
  }

  @Test
  void malformedJsonIsLoggedAndTheNodeCarriesOn() {
    fixture.deliver("{\"src\":\"c1\",\"body\":{\"type\":\"ping\",", "not json at all", "[1,2]", "{} {}");
    assertThat(fixture.sent()).isEmpty();
    assertThat(fixture.logs).filteredOn(line -> line.contains("not JSON")).hasSize(3);
    assertThat(fixture.logs).anyMatch(line -> line.contains("message is not a JSON object"));

    fixture.deliver(msg("c4", "{\"type\":\"ping\",\"msg_id\":5,\"text\":\"still here\"}"));
    assertThat(fixture.sent()).hasSize(1);
  }

  @Test
  void aBodyThatDoesNotFitIsAnsweredWithMalformedRequest() {
    fixture.deliver(msg("c4", "{\"type\":\"ping\",\"msg_id\":5,\"text\":[1]}"));

    assertThat(fixture.sent()).containsExactly(out("c4",
        "{\"type\":\"error\",\"in_reply_to\":5,\"code\":12,\"text\":\"ping: text must be a string, got START_ARRAY\"}"));
    assertThat(fixture.logs).anyMatch(line -> line.contains("malformed ping"));
  }

  @Test
  void aBrokenEnvelopeWithAMsgIdIsAnsweredWithMalformedRequest() {
    fixture.deliver(msg("c4", "{\"msg_id\":5,\"text\":\"no type\"}"),
        "{\"src\":\"c5\",\"dest\":\"n1\",\"body\":{\"type\":\"ping\",\"msg_id\":\"6\"}}");

    assertThat(fixture.sent()).containsExactly(
        out("c4", "{\"type\":\"error\",\"in_reply_to\":5,\"code\":12,\"text\":\"missing body.type\"}"));
    assertThat(fixture.logs).anyMatch(line -> line.contains("body.msg_id must be an integer"));
  }

  @Test
  void anUnknownTypeIsNotSupported() {
    fixture.deliver(msg("c4", "{\"type\":\"dance\",\"msg_id\":5}"), msg("n2", "{\"type\":\"dance\"}"));

    assertThat(fixture.sent()).containsExactly(out("c4",
        "{\"type\":\"error\",\"in_reply_to\":5,\"code\":10,\"text\":\"this node does not handle 'dance'\"}"));
    assertThat(fixture.logs).filteredOn(line -> line.contains("no handler for 'dance'")).hasSize(2);
  }

  @Test
  void aHandlerThrowingRpcErrorAnswersWithIt() {
    fixture.deliver(msg("c4", "{\"type\":\"refuse\",\"msg_id\":5}"));

    assertThat(fixture.sent()).containsExactly(
        out("c4", "{\"type\":\"error\",\"in_reply_to\":5,\"code\":11,\"text\":\"busy\"}"));
  }

  @Test
  void aHandlerThatCrashesAnswersCrashAndKeepsItsState() {
    fixture.deliver(msg("n2", "{\"type\":\"gossip\",\"text\":\"kept\"}"));
    fixture.deliver(msg("c4", "{\"type\":\"boom\",\"msg_id\":5}"));

    assertThat(fixture.sent()).containsExactly(out("c4",
        "{\"type\":\"error\",\"in_reply_to\":5,\"code\":13,\"text\":\"boom failed: java.lang.IllegalStateException: kaboom\"}"));
    assertThat(fixture.logs).anyMatch(line -> line.contains("kaboom") && line.contains("at glomers.runtime"));
    assertThat(solution().gossip).containsExactly("kept");
  }

  @Test
  void aFailedReplyStageAnswersCrash() {
    Request request = new Request("c3", 4L, "ask");
    fixture.onLoop(() -> fixture.node.reply(request,
        CompletableFuture.<TestSolution.Pong>failedFuture(new IllegalArgumentException("bad"))));

    assertThat(fixture.sent()).containsExactly(out("c3",
        "{\"type\":\"error\",\"in_reply_to\":4,\"code\":13,\"text\":\"ask failed: java.lang.IllegalArgumentException: bad\"}"));
  }

  @Test
  void aReplyStageCompletedOffTheLoopIsAnsweredOnTheLoop() throws Exception {
    CompletableFuture<TestSolution.Pong> pending = new CompletableFuture<>();
    fixture.onLoop(() -> fixture.node.reply(new Request("c3", 4L, "ask"), pending));

    Thread other = new Thread(() -> pending.complete(new TestSolution.Pong("later")));
    other.start();
    other.join();
    assertThat(fixture.sent()).isEmpty();
    fixture.loop.runReady();

    assertThat(fixture.sent()).containsExactly(
        out("c3", "{\"type\":\"pong\",\"in_reply_to\":4,\"text\":\"later\"}"));
  }

  @Test
  void requestsWithoutMsgIdGetNoReply() {
    fixture.deliver(msg("n2", "{\"type\":\"ping\",\"text\":\"hi\"}"), msg("n2", "{\"type\":\"refuse\"}"));

    assertThat(fixture.sent()).isEmpty();
  }

  @Test
  void sendingARecordWithoutCodecFailsClearly() {
    record Stray(int x) {}
    List<Throwable> thrown = new ArrayList<>();
    fixture.onLoop(() -> {
      try {
        fixture.node.send("n2", new Stray(1));
      } catch (IllegalArgumentException e) {
        thrown.add(e);
      }
    });

    assertThat(thrown).singleElement().asString().contains("no codec for").contains("Stray");
  }

  @Test
  void logLinesNameTheNode() {
    fixture.onLoop(() -> fixture.node.log("hello"));

    assertThat(fixture.logs).last().isEqualTo("n1 hello");
  }

  private CompletableFuture<TestSolution.Answer> rpcToN2() {
    List<CompletableFuture<TestSolution.Answer>> holder = new ArrayList<>();
    fixture.onLoop(() -> holder.add(
        fixture.node.rpc("n2", new TestSolution.Question("q"), TestSolution.Answer.class)));
    fixture.sent();
    return holder.get(0);
  }
}
