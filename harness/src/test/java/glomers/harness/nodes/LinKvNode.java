package glomers.harness.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * lin-kv. {@code --mode good}: each node is its own register store, answering error 20 for a
 * missing key and 22 for a cas whose from does not match, so a single-node run is linearizable.
 * {@code --mode lagging}: the same, but each node also ships every change to its peers and serves
 * reads from its local copy, which lags behind by a network delay. {@code --mode null-reads}
 * answers every read with null. The malformed modes: {@code no-value} (read_ok without value),
 * {@code cas-ok-to-write} (answers a write with cas_ok), {@code string-values} (reads return the
 * value as a JSON string), {@code other-key} (read_ok names another key than the one asked).
 */
final class LinKvNode extends TestNode {
  private final String mode;
  private final Map<Long, JsonNode> store = new HashMap<>();

  LinKvNode(String[] args) {
    mode = option(args, "--mode", "good");
  }

  @Override
  protected void handle(String src, ObjectNode body) {
    String type = body.get("type").asText();
    if (type.equals("replicate")) {
      store.put(body.get("key").asLong(), body.get("value"));
      return;
    }
    long key = body.get("key").asLong();
    JsonNode current = store.get(key);
    ObjectNode reply = JSON.createObjectNode();
    switch (type) {
      case "read" -> {
        if (mode.equals("null-reads")) {
          reply.put("type", "read_ok").putNull("value");
        } else if (current == null) {
          error(src, body, 20, "not found");
          return;
        } else {
          reply.put("type", "read_ok");
          if (mode.equals("string-values")) {
            reply.put("value", current.asText());
          } else if (!mode.equals("no-value")) {
            reply.set("value", current);
          }
          if (mode.equals("other-key")) {
            reply.put("key", key + 1);
          }
        }
      }
      case "write" -> {
        set(key, body.get("value"));
        reply.put("type", mode.equals("cas-ok-to-write") ? "cas_ok" : "write_ok");
      }
      case "cas" -> {
        if (current == null) {
          error(src, body, 20, "not found");
          return;
        }
        if (!current.equals(body.get("from"))) {
          error(src, body, 22, "expected " + body.get("from") + " but had " + current);
          return;
        }
        set(key, body.get("to"));
        reply.put("type", "cas_ok");
      }
      default -> {
        return;
      }
    }
    reply(src, body, reply);
  }

  private void set(long key, JsonNode value) {
    store.put(key, value);
    if (mode.equals("lagging")) {
      for (String peer : nodeIds) {
        if (!peer.equals(nodeId)) {
          ObjectNode replicate = JSON.createObjectNode().put("type", "replicate").put("key", key);
          replicate.set("value", value);
          send(peer, replicate);
        }
      }
    }
  }

  private void error(String src, ObjectNode body, int code, String text) {
    reply(src, body, JSON.createObjectNode().put("type", "error").put("code", code).put("text", text));
  }
}
