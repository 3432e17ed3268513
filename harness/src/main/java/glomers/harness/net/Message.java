package glomers.harness.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.json.Json;

/**
 * A message in flight. {@code deadline} is the {@link System#nanoTime()} at which it may be
 * delivered; the body is never mutated once sent, and {@code bodyJson} is its serialised form,
 * computed once.
 */
public record Message(
    long id, String src, String dest, ObjectNode body, String bodyJson, long deadline) {
  /** The line a node reads on stdin: keys in Maelstrom's order {@code id, src, dest, body}. */
  public String toLine() {
    StringBuilder line = new StringBuilder(48 + src.length() + dest.length() + bodyJson.length());
    line.append("{\"id\":").append(id).append(",\"src\":");
    appendString(line, src);
    line.append(",\"dest\":");
    appendString(line, dest);
    line.append(",\"body\":").append(bodyJson).append('}');
    return line.toString();
  }

  static void appendString(StringBuilder out, String s) {
    // Node ids need no escaping: quote them directly, as jackson would, without its writer's set-up,
    // which cost more than the rest of a journal line (this runs 4 times per message).
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        out.append(Json.NODES.textNode(s).toString());
        return;
      }
    }
    out.append('"').append(s).append('"');
  }

  /** The order a member's queue delivers in: earliest deadline first, then the order sent. */
  public static final java.util.Comparator<Message> DELIVERY_ORDER =
      java.util.Comparator.comparingLong(Message::deadline).thenComparingLong(Message::id);

  /** Whether this message answers the request with {@code msgId}: its {@code in_reply_to} is that integer. */
  public boolean answers(long msgId) {
    com.fasterxml.jackson.databind.JsonNode inReplyTo = body.get("in_reply_to");
    return inReplyTo != null && inReplyTo.isIntegralNumber() && inReplyTo.asLong() == msgId;
  }

  public static boolean isClient(String id) {
    return !id.isEmpty() && id.charAt(0) == 'c';
  }
}
