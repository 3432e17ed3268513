package glomers.harness.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Echo, with faults on request: {@code --mode good|silent-init|crash|garbage|huge|wrong-echo}, the
 * fault striking at the {@code --after}-th echo (default 5).
 */
final class EchoNode extends TestNode {
  private final String mode;
  private final int after;
  private int echoes;

  EchoNode(String[] args) {
    mode = option(args, "--mode", "good");
    after = Integer.parseInt(option(args, "--after", "5"));
  }

  @Override
  protected boolean onInit(String src, ObjectNode body) {
    System.err.println("init received, mode " + mode);
    return !"silent-init".equals(mode);
  }

  @Override
  protected void handle(String src, ObjectNode body) {
    if (!"echo".equals(body.get("type").asText())) {
      return;
    }
    echoes++;
    if (echoes >= after) {
      switch (mode) {
        case "crash" -> {
          System.err.println("about to crash on purpose");
          System.exit(3);
        }
        case "garbage" -> {
          out.println("this is not JSON");
          out.flush();
          return;
        }
        case "huge" -> {
          // Valid JSON, but a string over the bench's parser limit (issue 11).
          reply(src, body, JSON.createObjectNode().put("type", "echo_ok").put("echo", "x".repeat(64 << 20)));
          return;
        }
        case "wrong-echo" -> {
          reply(src, body, JSON.createObjectNode().put("type", "echo_ok").put("echo", "something else"));
          return;
        }
        default -> {}
      }
    }
    ObjectNode reply = JSON.createObjectNode().put("type", "echo_ok");
    reply.set("echo", body.get("echo"));
    reply(src, body, reply);
  }
}
