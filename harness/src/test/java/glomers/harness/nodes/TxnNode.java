package glomers.harness.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * txn-rw-register. {@code --mode good}: one node applies each txn atomically in arrival order, so
 * a single-node run is strict-serializable. {@code --mode abort}: the same, but every fourth txn is
 * refused with txn-conflict (30) before touching anything. {@code --mode reversed}: each node
 * applies its own txns, then ships their writes to its peers, which replay them in reverse, so a
 * peer ends up holding (and serving) the txn's overwritten, intermediate value of a key.
 * {@code --mode string-keys} answers with every key as a string; {@code --mode wrong-write} echoes
 * each write's value plus one.
 */
final class TxnNode extends TestNode {
  private final String mode;
  private final Map<Long, Long> store = new HashMap<>();
  private long txns;

  TxnNode(String[] args) {
    mode = option(args, "--mode", "good");
  }

  @Override
  protected void handle(String src, ObjectNode body) {
    switch (body.get("type").asText()) {
      case "txn" -> txn(src, body);
      case "replicate" -> {
        ArrayNode writes = (ArrayNode) body.get("writes");
        for (int i = writes.size() - 1; i >= 0; i--) {
          store.put(writes.get(i).get(0).asLong(), writes.get(i).get(1).asLong());
        }
      }
      default -> {}
    }
  }

  private void txn(String src, ObjectNode body) {
    txns++;
    if (mode.equals("abort") && txns % 4 == 0) {
      reply(src, body, JSON.createObjectNode().put("type", "error").put("code", 30).put("text", "conflict, on purpose"));
      return;
    }
    ArrayNode result = JSON.createArrayNode();
    ArrayNode writes = JSON.createArrayNode();
    for (JsonNode mop : body.get("txn")) {
      long key = mop.get(1).asLong();
      ArrayNode done = result.addArray().add(mop.get(0).asText());
      if (mode.equals("string-keys")) {
        done.add(Long.toString(key));
      } else {
        done.add(key);
      }
      if (mop.get(0).asText().equals("r")) {
        Long value = store.get(key);
        if (value == null) {
          done.addNull();
        } else {
          done.add(value);
        }
      } else {
        long value = mop.get(2).asLong();
        store.put(key, value);
        done.add(mode.equals("wrong-write") ? value + 1 : value);
        writes.addArray().add(key).add(value);
      }
    }
    ObjectNode reply = JSON.createObjectNode().put("type", "txn_ok");
    reply.set("txn", result);
    reply(src, body, reply);
    if (mode.equals("reversed") && !writes.isEmpty()) {
      for (String peer : nodeIds) {
        if (!peer.equals(nodeId)) {
          ObjectNode replicate = JSON.createObjectNode().put("type", "replicate");
          replicate.set("writes", writes);
          send(peer, replicate);
        }
      }
    }
  }
}
