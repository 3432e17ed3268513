package glomers.harness.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** unique-ids; {@code --mode repeat} hands out a counter per node, so nodes collide. */
final class UniqueIdsNode extends TestNode {
  private final boolean repeat;
  private long counter;

  UniqueIdsNode(String[] args) {
    repeat = "repeat".equals(option(args, "--mode", "good"));
  }

  @Override
  protected void handle(String src, ObjectNode body) {
    if ("generate".equals(body.get("type").asText())) {
      counter++;
      ObjectNode reply = JSON.createObjectNode().put("type", "generate_ok");
      if (repeat) {
        reply.put("id", counter);
      } else {
        reply.put("id", nodeId + "-" + counter);
      }
      reply(src, body, reply);
    }
  }
}
