package glomers.harness.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * txn-list-append. {@code --mode good}: one node applies each txn atomically in arrival order, so a
 * single-node run is strict-serializable. Broken modes: {@code double-append} applies every append
 * twice; {@code swapped-read} returns reads with their last two elements swapped; {@code
 * number-read} answers each non-empty read with the list's length instead of the list; {@code
 * wrong-append} echoes each append's value plus one; {@code short-reply} drops the reply's last
 * micro-op.
 */
final class ListAppendNode extends TestNode {
  private final String mode;
  private final Map<Long, List<Long>> store = new HashMap<>();

  ListAppendNode(String[] args) {
    mode = option(args, "--mode", "good");
  }

  @Override
  protected void handle(String src, ObjectNode body) {
    if (!body.get("type").asText().equals("txn")) {
      return;
    }
    ArrayNode result = JSON.createArrayNode();
    for (JsonNode mop : body.get("txn")) {
      long key = mop.get(1).asLong();
      ArrayNode done = result.addArray().add(mop.get(0).asText()).add(key);
      if (mop.get(0).asText().equals("r")) {
        List<Long> list = store.get(key);
        if (list == null) {
          done.addNull();
        } else if (mode.equals("number-read")) {
          done.add(list.size());
        } else {
          List<Long> shown = new ArrayList<>(list);
          if (mode.equals("swapped-read") && shown.size() >= 2) {
            shown.set(shown.size() - 1, list.get(list.size() - 2));
            shown.set(shown.size() - 2, list.get(list.size() - 1));
          }
          ArrayNode values = done.addArray();
          shown.forEach(values::add);
        }
      } else {
        long value = mop.get(2).asLong();
        List<Long> list = store.computeIfAbsent(key, k -> new ArrayList<>());
        list.add(value);
        if (mode.equals("double-append")) {
          list.add(value);
        }
        done.add(mode.equals("wrong-append") ? value + 1 : value);
      }
    }
    if (mode.equals("short-reply")) {
      result.remove(result.size() - 1);
    }
    ObjectNode reply = JSON.createObjectNode().put("type", "txn_ok");
    reply.set("txn", result);
    reply(src, body, reply);
  }
}
