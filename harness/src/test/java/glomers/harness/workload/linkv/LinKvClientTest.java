package glomers.harness.workload.linkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.history.OpType;
import glomers.harness.workload.Completion;
import glomers.harness.net.Connection;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class LinKvClientTest {
  /** Answers each request with the next canned reply (null: time out), recording requests and timeouts. */
  private static final class Canned implements Connection {
    final List<Map<String, Object>> replies = new ArrayList<>();
    final List<Map<String, Object>> requests = new ArrayList<>();
    final List<Duration> timeouts = new ArrayList<>();

    Canned reply(Object... keyValues) {
      Map<String, Object> body = new LinkedHashMap<>();
      for (int i = 0; i < keyValues.length; i += 2) {
        body.put((String) keyValues[i], keyValues[i + 1]);
      }
      body.put("in_reply_to", 1L);
      replies.add(body);
      return this;
    }

    Canned timeout() {
      replies.add(null);
      return this;
    }

    @Override
    public String id() {
      return "c1";
    }

    @Override
    public String node() {
      return "n0";
    }

    @Override
    public Map<String, Object> call(Map<String, Object> body, Duration timeout) throws TimeoutException {
      requests.add(new HashMap<>(body));
      timeouts.add(timeout);
      Map<String, Object> reply = replies.remove(0);
      if (reply == null) {
        throw new TimeoutException();
      }
      return reply;
    }
  }

  private static final Invocation READ = new Invocation("read", Arrays.asList(3L, null));
  private static final Invocation WRITE = new Invocation("write", List.of(3L, 4L));
  private static final Invocation CAS = new Invocation("cas", List.of(3L, List.of(1L, 2L)));

  @Test
  void sendsMaelstromsRequestsAndKeepsTupleValues() throws Exception {
    Canned c = new Canned().reply("type", "read_ok", "value", 4L).reply("type", "write_ok").reply("type", "cas_ok");
    LinKvClient client = new LinKvClient(c, 250);
    assertThat(client.invoke(READ)).isEqualTo(Completion.ok(List.of(3L, 4L)));
    assertThat(client.invoke(WRITE)).isEqualTo(Completion.ok(List.of(3L, 4L)));
    assertThat(client.invoke(CAS)).isEqualTo(Completion.ok(List.of(3L, List.of(1L, 2L))));
    assertThat(c.requests).containsExactly(
        Map.of("type", "read", "key", 3L),
        Map.of("type", "write", "key", 3L, "value", 4L),
        Map.of("type", "cas", "key", 3L, "from", 1L, "to", 2L));
    assertThat(c.timeouts).containsOnly(Duration.ofMillis(2500));
  }

  @Test
  void aNullReadIsOk() throws Exception {
    Canned c = new Canned().reply("type", "read_ok", "value", null);
    assertThat(new LinKvClient(c, 0).invoke(READ)).isEqualTo(Completion.ok(Arrays.asList(3L, null)));
  }

  @Test
  void readsFailOnAnyErrorOrTimeout() throws Exception {
    Canned c = new Canned().reply("type", "error", "code", 20L, "text", "missing").reply("type", "error", "code", 13L).timeout();
    LinKvClient client = new LinKvClient(c, 0);
    Completion missing = client.invoke(READ);
    assertThat(missing.type()).isEqualTo(OpType.FAIL);
    assertThat(missing.error()).isEqualTo(List.of("key-does-not-exist", "missing"));
    assertThat(client.invoke(READ).type()).isEqualTo(OpType.FAIL);
    assertThat(client.invoke(READ).type()).isEqualTo(OpType.FAIL);
  }

  @Test
  void writesAndCasFailOnDefiniteErrorsAndAreInfoOtherwise() throws Exception {
    Canned c = new Canned()
        .reply("type", "error", "code", 22L, "text", "mismatch")
        .reply("type", "error", "code", 20L)
        .reply("type", "error", "code", 13L)
        .reply("type", "error", "code", 1000L)
        .timeout();
    LinKvClient client = new LinKvClient(c, 0);
    assertThat(client.invoke(CAS).type()).isEqualTo(OpType.FAIL);
    assertThat(client.invoke(CAS).type()).isEqualTo(OpType.FAIL);
    assertThat(client.invoke(WRITE).type()).isEqualTo(OpType.INFO);
    assertThat(client.invoke(CAS).type()).isEqualTo(OpType.INFO);
    Completion timedOut = client.invoke(WRITE);
    assertThat(timedOut).isEqualTo(Completion.info(List.of(3L, 4L), List.of("net-timeout")));
  }

  @Test
  void malformedRepliesNameTheNodeAndTheReply() {
    assertThatThrownBy(() -> new LinKvClient(new Canned().reply("type", "read_ok"), 0).invoke(READ))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("Maelstrom sent node n0 the request")
        .hasMessageContaining("missing required key value");
    assertThatThrownBy(() -> new LinKvClient(new Canned().reply("type", "cas_ok"), 0).invoke(WRITE))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("type should be \"write_ok\"");
    assertThatThrownBy(() -> new LinKvClient(new Canned().reply("type", "read_ok", "value", 1L, "key", 4L), 0).invoke(READ))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("disallowed key key");
  }
}
