package glomers.runtime.internal;

import glomers.runtime.kv.JsonType;
import glomers.runtime.kv.Kv;
import glomers.runtime.kv.Tso;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.spi.Dispatcher;
import glomers.runtime.spi.Handlers;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.spi.Codec;
import glomers.runtime.testing.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The clients against a scripted service: each test says what the service answers. */
class KvTest {
  private final VirtualClock clock = new VirtualClock();
  private final EventLoop loop = new EventLoop(clock);
  private final InMemoryTransport transport = new InMemoryTransport();
  private final List<String> logs = new ArrayList<>();
  private final MaelstromNode node = new MaelstromNode(new NoSolution(), transport, loop, logs::add);

  KvTest() {
    node.start();
    transport.deliver("{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,"
        + "\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}");
    loop.runReady();
    transport.takeSent();
  }

  private <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> request) {
    List<CompletableFuture<T>> holder = new ArrayList<>();
    loop.execute(() -> holder.add(request.get()));
    loop.runReady();
    return holder.get(0);
  }

  private String requestSent() {
    List<String> sent = transport.takeSent();
    assertThat(sent).hasSize(1);
    return sent.get(0);
  }

  private void serviceAnswers(String service, String body) {
    transport.deliver("{\"src\":\"" + service + "\",\"dest\":\"n1\",\"body\":" + body + "}");
    loop.runReady();
  }

  @Test
  void readReturnsTheValue() {
    CompletableFuture<Optional<Long>> read = call(() -> Kv.seq(node, JsonType.LONG).read("counter"));
    assertThat(requestSent()).isEqualTo(
        "{\"src\":\"n1\",\"dest\":\"seq-kv\",\"body\":{\"type\":\"read\",\"msg_id\":1,\"key\":\"counter\"}}");

    serviceAnswers("seq-kv", "{\"type\":\"read_ok\",\"value\":42,\"in_reply_to\":1}");

    assertThat(read).isCompletedWithValue(Optional.of(42L));
  }

  @Test
  void readOfAMissingKeyIsEmpty() {
    CompletableFuture<Optional<Long>> read = call(() -> Kv.lin(node, JsonType.LONG).read("k"));
    assertThat(requestSent()).contains("\"dest\":\"lin-kv\"");

    serviceAnswers("lin-kv", "{\"type\":\"error\",\"in_reply_to\":1,\"code\":20,\"text\":\"key does not exist\"}");

    assertThat(read).isCompletedWithValue(Optional.empty());
  }

  @Test
  void readOfAValueOfAnotherShapeFails() {
    CompletableFuture<Optional<Long>> read = call(() -> Kv.lin(node, JsonType.LONG).read("k"));
    serviceAnswers("lin-kv", "{\"type\":\"read_ok\",\"in_reply_to\":1,\"value\":\"seven\"}");

    assertThat(read).isCompletedExceptionally();
    assertThat(failure(read).text()).contains("does not fit").contains("KV value: expected a 64-bit integer");
  }

  @Test
  void otherErrorsFailTheFutureWithTheirRpcError() {
    CompletableFuture<Optional<Long>> read = call(() -> Kv.lin(node, JsonType.LONG).read("k"));
    serviceAnswers("lin-kv", "{\"type\":\"error\",\"in_reply_to\":1,\"code\":11,\"text\":\"busy\"}");

    assertThat(failure(read).code()).isEqualTo(RpcError.TEMPORARILY_UNAVAILABLE);
  }

  @Test
  void writeSendsTheValueAsJson() {
    CompletableFuture<Void> write =
        call(() -> Kv.lww(node, JsonType.LONG_LIST).write("log", List.of(1L, 2L)));
    assertThat(requestSent()).isEqualTo("{\"src\":\"n1\",\"dest\":\"lww-kv\",\"body\":{\"type\":\"write\","
        + "\"msg_id\":1,\"key\":\"log\",\"value\":[1,2]}}");

    serviceAnswers("lww-kv", "{\"type\":\"write_ok\",\"in_reply_to\":1}");

    assertThat(write).isCompleted().isNotCompletedExceptionally();
  }

  @Test
  void compareAndSetSucceeds() {
    CompletableFuture<Boolean> cas =
        call(() -> Kv.seq(node, JsonType.STRING).compareAndSet("k", "a", "b", true));
    assertThat(requestSent()).isEqualTo("{\"src\":\"n1\",\"dest\":\"seq-kv\",\"body\":{\"type\":\"cas\","
        + "\"msg_id\":1,\"key\":\"k\",\"from\":\"a\",\"to\":\"b\",\"create_if_not_exists\":true}}");

    serviceAnswers("seq-kv", "{\"type\":\"cas_ok\",\"in_reply_to\":1}");

    assertThat(cas).isCompletedWithValue(true);
  }

  @Test
  void compareAndSetIsFalseOnPreconditionFailedOrMissingKey() {
    Kv<Long> kv = Kv.seq(node, JsonType.LONG);
    CompletableFuture<Boolean> stale = call(() -> kv.compareAndSet("k", 1L, 2L, false));
    assertThat(requestSent()).doesNotContain("create_if_not_exists");
    CompletableFuture<Boolean> missing = call(() -> kv.compareAndSet("k", 1L, 2L, false));

    serviceAnswers("seq-kv", "{\"type\":\"error\",\"in_reply_to\":1,\"code\":22,\"text\":\"current value 5 is not 1\"}");
    serviceAnswers("seq-kv", "{\"type\":\"error\",\"in_reply_to\":2,\"code\":20,\"text\":\"key does not exist\"}");

    assertThat(stale).isCompletedWithValue(false);
    assertThat(missing).isCompletedWithValue(false);
  }

  @Test
  void compareAndSetTimesOut() {
    CompletableFuture<Boolean> cas = call(() -> Kv.lin(node, JsonType.LONG)
        .withTimeout(Duration.ofMillis(200)).compareAndSet("k", 1L, 2L, false));

    loop.advance(Duration.ofMillis(200));

    assertThat(failure(cas).code()).isEqualTo(RpcError.TIMEOUT);
  }

  @Test
  void rawValuesRoundTripVerbatim() {
    CompletableFuture<Optional<glomers.runtime.RawJson>> read =
        call(() -> Kv.lin(node, JsonType.RAW).read("k"));
    serviceAnswers("lin-kv", "{\"type\":\"read_ok\",\"in_reply_to\":1,\"value\":{\"a\":[1,2.5,\"x\",null]}}");

    assertThat(read.join().orElseThrow().text()).isEqualTo("{\"a\":[1,2.5,\"x\",null]}");
  }

  @Test
  void mapValuesRoundTrip() {
    JsonType<java.util.Map<String, Long>> type = JsonType.mapOf(JsonType.LONG);
    CompletableFuture<Void> write = call(() -> Kv.lin(node, type).write("m", java.util.Map.of("n1", 3L)));
    assertThat(requestSent()).contains("\"value\":{\"n1\":3}");
    serviceAnswers("lin-kv", "{\"type\":\"write_ok\",\"in_reply_to\":1}");
    assertThat(write).isDone();
  }

  @Test
  void mapValuesAreWrittenInKeyOrderWhateverTheMapsOwnOrder() {
    JsonType<java.util.Map<String, Long>> type = JsonType.mapOf(JsonType.LONG);
    // Map.of iterates in an order salted at each JVM launch; the message must not.
    CompletableFuture<Void> write =
        call(() -> Kv.lin(node, type).write("m", java.util.Map.of("n3", 3L, "n1", 1L, "n4", 4L, "n2", 2L, "n0", 0L)));
    assertThat(requestSent()).contains("\"value\":{\"n0\":0,\"n1\":1,\"n2\":2,\"n3\":3,\"n4\":4}");
    serviceAnswers("lin-kv", "{\"type\":\"write_ok\",\"in_reply_to\":1}");
    assertThat(write).isDone();
  }

  @Test
  void tsoHandsOutTimestamps() {
    CompletableFuture<Long> ts = call(() -> Tso.of(node).next());
    assertThat(requestSent()).isEqualTo(
        "{\"src\":\"n1\",\"dest\":\"lin-tso\",\"body\":{\"type\":\"ts\",\"msg_id\":1}}");

    serviceAnswers("lin-tso", "{\"type\":\"ts_ok\",\"ts\":17,\"in_reply_to\":1}");

    assertThat(ts).isCompletedWithValue(17L);
  }

  private static RpcError failure(CompletableFuture<?> future) {
    return RpcError.from(future.handle((ok, failure) -> failure).join());
  }

  /** A solution with no handlers: these tests only use the node's clients. */
  static final class NoSolution implements Dispatcher {
    @Override
    public String solution() {
      return "none";
    }

    @Override
    public List<Codec<?>> codecs() {
      return List.of();
    }

    @Override
    public Handlers bind(Node node) {
      return new Handlers() {
        @Override
        public boolean handles(String type) {
          return false;
        }

        @Override
        public void handle(Request request, com.fasterxml.jackson.core.JsonParser body) {}

        @Override
        public void start() {}
      };
    }
  }
}
