package glomers.harness.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A g-counter node with one newcomer's mistake on request, {@code --mode good|forget-reply|
 * wrong-type|no-codec|throws}; the broken modes break every {@code add}. {@code no-codec} and
 * {@code throws} write on stderr exactly what the runtime (runtime/.../MaelstromNode.java) logs
 * for them: a reply record with no codec fails the reply continuation and nothing is sent; a
 * handler that throws is logged and answered with error 13 (crash).
 */
final class CounterNode extends TestNode {
  private final String mode;
  private long sum;

  CounterNode(String[] args) {
    mode = option(args, "--mode", "good");
  }

  @Override
  protected void handle(String src, ObjectNode body) {
    switch (body.get("type").asText()) {
      case "read" -> reply(src, body, JSON.createObjectNode().put("type", "read_ok").put("value", sum));
      case "add" -> add(src, body);
      default -> {}
    }
  }

  private void add(String src, ObjectNode body) {
    switch (mode) {
      case "forget-reply" -> sum += body.get("delta").asLong();
      case "wrong-type" -> {
        sum += body.get("delta").asLong();
        reply(src, body, JSON.createObjectNode().put("type", "read_ok").put("value", sum));
      }
      case "no-codec" -> {
        System.err.println(nodeId + " reply continuation threw:");
        System.err.println("java.lang.IllegalArgumentException: no codec for glomers.solutions.counter.CounterNode$AddOk"
            + " in solution glomers.solutions.counter.CounterNode; is it a record annotated with @Message?");
        System.err.println("\tat glomers.runtime.MaelstromNode.codec(MaelstromNode.java:385)");
        System.err.flush();
      }
      case "throws" -> {
        System.err.println(nodeId + " handler for 'add' threw:");
        System.err.println("java.lang.IllegalStateException: the sum is not ready");
        System.err.println("\tat glomers.solutions.counter.CounterNode.add(CounterNode.java:42)");
        System.err.flush();
        reply(src, body, JSON.createObjectNode().put("type", "error").put("code", 13)
            .put("text", "add failed: java.lang.IllegalStateException: the sum is not ready"));
      }
      default -> {
        sum += body.get("delta").asLong();
        reply(src, body, JSON.createObjectNode().put("type", "add_ok"));
      }
    }
  }
}
