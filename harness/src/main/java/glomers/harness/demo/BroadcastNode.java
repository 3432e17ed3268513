package glomers.harness.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A simple batching broadcast node shipped with the bench to load it realistically (make
 * bench-overhead): every 200 ms it sends the values it learned from clients to every peer. No
 * retries, so it is not partition tolerant.
 */
public final class BroadcastNode {
  private final ObjectMapper json = new ObjectMapper();
  private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
  private final Set<Long> values = new LinkedHashSet<>();
  private final List<Long> fresh = new ArrayList<>();
  private String id;
  private List<String> peers = List.of();

  public static void main(String[] args) throws Exception {
    new BroadcastNode().run();
  }

  private void run() throws Exception {
    Thread.ofPlatform().daemon().start(this::gossip);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode message = json.readTree(line);
      synchronized (this) {
        handle(message.get("src").asText(), message.get("body"));
      }
    }
  }

  private void handle(String src, JsonNode body) {
    ObjectNode reply = json.createObjectNode();
    switch (body.get("type").asText()) {
      case "init" -> {
        id = body.get("node_id").asText();
        List<String> all = new ArrayList<>();
        body.get("node_ids").forEach(n -> all.add(n.asText()));
        all.remove(id);
        peers = all;
        reply.put("type", "init_ok");
      }
      case "topology" -> reply.put("type", "topology_ok");
      case "broadcast" -> {
        long value = body.get("message").asLong();
        if (values.add(value)) {
          fresh.add(value);
        }
        reply.put("type", "broadcast_ok");
      }
      case "read" -> {
        reply.put("type", "read_ok");
        ArrayNode array = reply.putArray("messages");
        values.forEach(array::add);
      }
      case "gossip" -> {
        body.get("values").forEach(v -> values.add(v.asLong()));
        return;
      }
      default -> {
        return;
      }
    }
    reply.set("in_reply_to", body.get("msg_id"));
    send(src, reply);
  }

  private void send(String dest, ObjectNode body) {
    ObjectNode envelope = json.createObjectNode();
    envelope.put("src", id);
    envelope.put("dest", dest);
    envelope.set("body", body);
    out.println(envelope);
    out.flush();
  }

  private void gossip() {
    while (true) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (fresh.isEmpty()) {
          continue;
        }
        for (String peer : peers) {
          ObjectNode body = json.createObjectNode().put("type", "gossip");
          ArrayNode array = body.putArray("values");
          fresh.forEach(array::add);
          send(peer, body);
        }
        fresh.clear();
      }
    }
  }
}
