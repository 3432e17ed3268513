package glomers.harness.workload;

import glomers.harness.checker.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The closed shape of one RPC's reply (docs/protocol.md#reply-schemas): exactly {@code type}, the listed
 * fields, {@code in_reply_to} and optionally {@code msg_id}. Maelstrom validates replies this
 * strictly, so a node that sends an extra key must see its op turn indeterminate here too.
 */
public final class ReplySchema {
  /** What a field's value may be. */
  public enum Field {
    /** Any JSON value, null included; the key itself is still required. */
    ANY,
    /** A JSON integer (never a float like 1.0, never null). */
    INT,
    /** A JSON array of anything, or null. */
    LIST,
    /** A JSON object (never null). */
    MAP
  }

  /** A deeper rule for one field, checked once its kind fits (kafka: the pairs inside poll_ok). */
  private record Rule(String expected, Predicate<Object> fits) {}

  private final String type;
  private final Map<String, Field> fields;
  private final Map<String, Rule> rules;

  private ReplySchema(String type, Map<String, Field> fields, Map<String, Rule> rules) {
    this.type = type;
    this.fields = fields;
    this.rules = rules;
  }

  private ReplySchema(String type, Map<String, Field> fields) {
    this(type, fields, Map.of());
  }

  /**
   * This schema with a further rule on {@code field}: a value of the right kind that {@code fits}
   * rejects is malformed, explained as "should be {@code expected}".
   */
  public ReplySchema where(String field, String expected, Predicate<Object> fits) {
    if (!fields.containsKey(field)) {
      throw new IllegalArgumentException("no field " + field + " in " + type);
    }
    Map<String, Rule> more = new LinkedHashMap<>(rules);
    more.put(field, new Rule(expected, fits));
    return new ReplySchema(type, fields, more);
  }

  public static ReplySchema of(String type) {
    return new ReplySchema(type, Map.of());
  }

  public static ReplySchema of(String type, String field, Field kind) {
    return new ReplySchema(type, Map.of(field, kind));
  }

  public String type() {
    return type;
  }

  /** Returns {@code reply} unchanged, or explains every way it breaks the schema. */
  public Map<String, Object> validate(String node, Map<String, Object> request, Map<String, Object> reply)
      throws MalformedResponseException {
    List<String> problems = new ArrayList<>();
    if (!type.equals(reply.get("type"))) {
      problems.add("type should be \"" + type + "\" but is " + describe(reply.get("type")));
    }
    if (!reply.containsKey("in_reply_to")) {
      problems.add("missing required key in_reply_to");
    } else if (!JsonValues.isInteger(reply.get("in_reply_to"))) {
      problems.add("in_reply_to should be an integer but is " + describe(reply.get("in_reply_to")));
    }
    if (reply.containsKey("msg_id") && !JsonValues.isInteger(reply.get("msg_id"))) {
      problems.add("msg_id should be an integer but is " + describe(reply.get("msg_id")));
    }
    fields.forEach(
        (key, kind) -> {
          if (!reply.containsKey(key)) {
            problems.add("missing required key " + key);
            return;
          }
          Object value = reply.get(key);
          boolean fits =
              switch (kind) {
                case ANY -> true;
                case INT -> JsonValues.isInteger(value);
                case LIST -> value == null || value instanceof List;
                case MAP -> value instanceof Map;
              };
          if (!fits) {
            problems.add(key + " should be " + article(kind) + " but is " + describe(value));
            return;
          }
          Rule rule = rules.get(key);
          if (rule != null && !rule.fits().test(value)) {
            problems.add(key + " should be " + rule.expected() + " but is " + describe(value));
          }
        });
    for (String key : reply.keySet()) {
      if (!key.equals("type") && !key.equals("in_reply_to") && !key.equals("msg_id") && !fields.containsKey(key)) {
        problems.add("disallowed key " + key);
      }
    }
    if (!problems.isEmpty()) {
      throw new MalformedResponseException(
          "Malformed RPC response. Maelstrom sent node " + node + " the request " + request
              + " and expected a reply of the form " + shape() + ", but received " + reply
              + ". This is malformed because: " + String.join("; ", problems));
    }
    return reply;
  }

  private String shape() {
    Map<String, String> shape = new LinkedHashMap<>();
    shape.put("type", "\"" + type + "\"");
    fields.forEach((key, kind) -> shape.put(key, kind.name().toLowerCase()));
    shape.put("in_reply_to", "int");
    shape.put("msg_id", "optional int");
    return shape.toString();
  }

  private static String article(Field kind) {
    return switch (kind) {
      case ANY -> "anything";
      case INT -> "an integer";
      case LIST -> "an array";
      case MAP -> "an object";
    };
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    return value + " (" + value.getClass().getSimpleName() + ")";
  }
}
