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

  private synchronized void hugeReply(String dest, long inReplyTo, int chars) {
    out.print("{\"src\":\"" + nodeId + "\",\"dest\":\"" + dest + "\",\"body\":{\"type\":\"echo_ok\",\"in_reply_to\":"
        + inReplyTo + ",\"echo\":\"");
    String chunk = "x".repeat(1 << 16);
    for (int left = chars; left > 0; left -= chunk.length()) {
      out.print(left >= chunk.length() ? chunk : chunk.substring(0, left));
    }
    out.println("\"}}");
    out.flush();
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
          // Valid JSON, but a string just over the bench's parser limit of 20,000,000 chars (issue 11),
          // written in chunks: building it as one 64 Mi-char tree cost seconds of CPU, which a
          // busy machine stretched past the end of the run.
          hugeReply(src, body.get("msg_id").asLong(), 20_000_000 + 1_000);
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
