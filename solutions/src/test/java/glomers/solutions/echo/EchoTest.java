package glomers.solutions.echo;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.spi.Dispatcher;
import glomers.runtime.testing.LocalNode;
import glomers.runtime.testing.VirtualClock;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EchoTest {
  private final LocalNode node;

  EchoTest() {
    Dispatcher echo = ServiceLoader.load(Dispatcher.class).stream().map(ServiceLoader.Provider::get)
        .filter(dispatcher -> dispatcher.solution().equals("echo")).findFirst().orElseThrow();
    node = new LocalNode(echo, new VirtualClock());
    deliver("{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\","
        + "\"node_ids\":[\"n1\"]}}");
    node.takeSent();
  }

  private void deliver(String line) {
    node.deliver(line);
    node.runReady();
  }

  @Test
  void echoesAnyJsonValueVerbatim() {
    String[] values = {"\"hi\"", "42", "1.50", "null", "[1,{\"a\":true}]", "{\"nested\":{\"x\":[]}}"};
    for (int i = 0; i < values.length; i++) {
      deliver("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"echo\",\"msg_id\":" + (i + 2)
          + ",\"echo\":" + values[i] + "}}");

      assertThat(node.takeSent()).containsExactly("{\"src\":\"n1\",\"dest\":\"c1\",\"body\":"
          + "{\"type\":\"echo_ok\",\"in_reply_to\":" + (i + 2) + ",\"echo\":" + values[i] + "}}");
    }
  }
}
