package glomers.harness.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Purpose-written node programs for end-to-end tests, run as real processes. {@code main(kind,
 * args...)} picks the behaviour; each one is single-threaded except where timers are needed.
 */
public abstract class TestNode {
  protected static final ObjectMapper JSON = new ObjectMapper();
  protected final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
  protected String nodeId;
  protected List<String> nodeIds = List.of();
  private long nextMsgId;

  public static void main(String[] args) throws Exception {
    TestNode node =
        switch (args[0]) {
          case "echo" -> new EchoNode(args);
          case "broadcast" -> new BroadcastNode(args);
          case "unique-ids" -> new UniqueIdsNode(args);
          case "txn" -> new TxnNode(args);
          case "list-append" -> new ListAppendNode(args);
          case "kafka" -> new KafkaNode(args);
          case "seq-kv-counter" -> new SeqKvCounterNode(args);
          case "counter" -> new CounterNode(args);
          case "lin-kv" -> new LinKvNode(args);
          default -> throw new IllegalArgumentException("unknown test node " + args[0]);
        };
    node.run();
  }

  void run() throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode message = JSON.readTree(line);
      ObjectNode body = (ObjectNode) message.get("body");
      String src = message.get("src").asText();
      synchronized (this) {
        if ("init".equals(body.get("type").asText())) {
          nodeId = body.get("node_id").asText();
          nodeIds = JSON.convertValue(body.get("node_ids"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
          if (!onInit(src, body)) {
            continue;
          }
          reply(src, body, JSON.createObjectNode().put("type", "init_ok"));
          continue;
        }
        handle(src, body);
      }
    }
  }

  /** False to swallow init. */
  protected boolean onInit(String src, ObjectNode body) {
    return true;
  }

  protected abstract void handle(String src, ObjectNode body);

  protected synchronized void reply(String dest, ObjectNode request, ObjectNode body) {
    body.put("in_reply_to", request.get("msg_id").asLong());
    send(dest, body);
  }

  protected synchronized void send(String dest, ObjectNode body) {
    if (!body.has("msg_id") && !body.has("in_reply_to")) {
      body.put("msg_id", ++nextMsgId);
    }
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("src", nodeId);
    envelope.put("dest", dest);
    envelope.set("body", body);
    out.println(envelope);
    out.flush();
  }

  protected static String option(String[] args, String name, String fallback) {
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
