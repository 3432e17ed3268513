package glomers.harness.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal echo node shipped with the bench, like Maelstrom's demos: it trains the bench's AOT
 * cache at build time and is a quick way to see a run work end to end.
 */
public final class EchoNode {
  private EchoNode() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode message = json.readTree(line);
      JsonNode body = message.get("body");
      ObjectNode reply = json.createObjectNode();
      String type = body.get("type").asText();
      if (type.equals("init")) {
        reply.put("type", "init_ok");
      } else if (type.equals("echo")) {
        reply.put("type", "echo_ok");
        reply.set("echo", body.get("echo"));
      } else {
        reply.put("type", "error").put("code", 10).put("text", "unsupported: " + type);
      }
      reply.set("in_reply_to", body.get("msg_id"));
      ObjectNode envelope = json.createObjectNode();
      envelope.put("src", message.get("dest").asText());
      envelope.put("dest", message.get("src").asText());
      envelope.set("body", reply);
      out.println(envelope);
      out.flush();
    }
  }
}
