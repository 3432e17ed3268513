package glomers.harness.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A single-node kafka log: {@code --mode good}, {@code skip} (polls leave out every offset that is
 * 3 mod 5, so those msgs are never seen) or {@code malformed} (the first poll from the {@code --after}-th on that
 * returns any data gets three-element pairs) or {@code commit-fails} (from the {@code --after}-th
 * commit on, every second one is refused with a definite error).
 */
final class KafkaNode extends TestNode {
  private final String mode;
  private final int after;
  private int polls;
  private boolean corrupted;
  private int commits;
  private final Map<String, List<JsonNode>> logs = new HashMap<>();
  private final Map<String, Long> committed = new HashMap<>();

  KafkaNode(String[] args) {
    mode = option(args, "--mode", "good");
    after = Integer.parseInt(option(args, "--after", "5"));
  }

  @Override
  protected void handle(String src, ObjectNode body) {
    switch (body.get("type").asText()) {
      case "send" -> {
        List<JsonNode> log = logs.computeIfAbsent(body.get("key").asText(), k -> new ArrayList<>());
        log.add(body.get("msg"));
        reply(src, body, JSON.createObjectNode().put("type", "send_ok").put("offset", log.size() - 1));
      }
      case "poll" -> {
        polls++;
        boolean corrupting = false;
        ObjectNode reply = JSON.createObjectNode().put("type", "poll_ok");
        ObjectNode msgs = reply.putObject("msgs");
        for (Iterator<Map.Entry<String, JsonNode>> it = body.get("offsets").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          List<JsonNode> log = logs.getOrDefault(entry.getKey(), List.of());
          ArrayNode pairs = msgs.putArray(entry.getKey());
          for (int offset = entry.getValue().asInt(); offset < log.size(); offset++) {
            if (mode.equals("skip") && offset % 5 == 3) {
              continue;
            }
            ArrayNode pair = pairs.addArray().add(offset).add(log.get(offset));
            if (mode.equals("malformed") && polls >= after && !corrupted) {
              pair.add("extra");
              corrupting = true;
            }
          }
        }
        corrupted |= corrupting;
        reply(src, body, reply);
      }
      case "commit_offsets" -> {
        commits++;
        if (mode.equals("commit-fails") && commits >= after && commits % 2 == 0) {
          reply(src, body, JSON.createObjectNode().put("type", "error").put("code", 11).put("text", "try later"));
          return;
        }
        body.get("offsets").fields().forEachRemaining(e -> committed.put(e.getKey(), e.getValue().asLong()));
        reply(src, body, JSON.createObjectNode().put("type", "commit_offsets_ok"));
      }
      case "list_committed_offsets" -> {
        ObjectNode reply = JSON.createObjectNode().put("type", "list_committed_offsets_ok");
        ObjectNode offsets = reply.putObject("offsets");
        body.get("keys").forEach(
            key -> {
              Long at = committed.get(key.asText());
              if (at != null) {
                offsets.put(key.asText(), at);
              }
            });
        reply(src, body, reply);
      }
      default -> {}
    }
  }
}
