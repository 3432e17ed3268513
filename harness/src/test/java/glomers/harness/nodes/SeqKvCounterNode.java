package glomers.harness.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * g-counter over seq-kv, to test the bench's seq-kv staleness (issue 13). Each node publishes what
 * it has added under its own key, with a {@code cas} from the last published total every 100 ms
 * when that total changed; a {@code read} sums every node's key, read in parallel.
 *
 * <p>{@code --mode trap} reads without writing first: the trap of Maelstrom issue #47. A node whose
 * last seq-kv call came before another node's last cas may be served a version without it, and
 * since nothing it does afterwards changes the store, its final read can stay short. {@code --mode
 * fresh} (the default) first writes a value never written before, which moves it to seq-kv's newest
 * version, so its reads see every cas acknowledged before the write.
 */
final class SeqKvCounterNode extends TestNode {
  private static final long PUBLISH_MILLIS = 100;
  private static final int KEY_DOES_NOT_EXIST = 20;

  private final boolean trap;
  private final Map<Long, Consumer<ObjectNode>> pending = new HashMap<>();
  private long added;
  private long published;
  private boolean publishing;
  private long tokens;

  SeqKvCounterNode(String[] args) {
    String mode = option(args, "--mode", "fresh");
    if (!mode.equals("trap") && !mode.equals("fresh")) {
      throw new IllegalArgumentException("--mode is trap or fresh, not " + mode);
    }
    trap = mode.equals("trap");
  }

  @Override
  protected boolean onInit(String src, ObjectNode body) {
    Thread.ofPlatform().daemon().name("publish").start(this::publishLoop);
    return true;
  }

  private void publishLoop() {
    try {
      while (true) {
        Thread.sleep(PUBLISH_MILLIS);
        synchronized (this) {
          publish();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void publish() {
    if (publishing || added == published) {
      return;
    }
    publishing = true;
    long to = added;
    ObjectNode cas =
        JSON.createObjectNode()
            .put("type", "cas")
            .put("key", nodeId)
            .put("from", published)
            .put("to", to)
            .put("create_if_not_exists", true);
    call(cas, reply -> {
      publishing = false;
      if ("cas_ok".equals(reply.get("type").asText())) {
        published = to;
      } else {
        System.err.println("cas failed, retrying next period: " + reply);
      }
    });
  }

  @Override
  protected void handle(String src, ObjectNode body) {
    JsonNode inReplyTo = body.get("in_reply_to");
    if (inReplyTo != null) {
      Consumer<ObjectNode> callback = pending.remove(inReplyTo.asLong());
      if (callback != null) {
        callback.accept(body);
      }
      return;
    }
    switch (body.get("type").asText()) {
      case "add" -> {
        added += body.get("delta").asLong();
        reply(src, body, JSON.createObjectNode().put("type", "add_ok"));
      }
      case "read" -> {
        if (trap) {
          sumAll(src, body);
        } else {
          ObjectNode write =
              JSON.createObjectNode()
                  .put("type", "write")
                  .put("key", "token-" + nodeId)
                  .put("value", ++tokens);
          call(write, written -> sumAll(src, body));
        }
      }
      default -> {}
    }
  }

  /** Reads every node's key in parallel and answers the client with the sum. */
  private void sumAll(String client, ObjectNode request) {
    long[] sum = {0};
    int[] left = {nodeIds.size()};
    for (String key : nodeIds) {
      call(JSON.createObjectNode().put("type", "read").put("key", key), reply -> {
        if ("read_ok".equals(reply.get("type").asText())) {
          sum[0] += reply.get("value").asLong();
        } else if (reply.get("code").asInt() != KEY_DOES_NOT_EXIST) {
          System.err.println("read of " + key + " failed: " + reply);
        }
        if (--left[0] == 0) {
          reply(client, request, JSON.createObjectNode().put("type", "read_ok").put("value", sum[0]));
        }
      });
    }
  }

  private void call(ObjectNode body, Consumer<ObjectNode> onReply) {
    send("seq-kv", body);
    pending.put(body.get("msg_id").asLong(), onReply);
  }
}
