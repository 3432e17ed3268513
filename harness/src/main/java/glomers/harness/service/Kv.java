package glomers.harness.service;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The read/write/cas semantics shared by lin-kv and seq-kv, over immutable snapshots: an operation
 * that leaves the store as it was returns the very same map, which seq-kv relies on to tell reads
 * and no-op writes from mutations.
 */
final class Kv {
  static final int KEY_DOES_NOT_EXIST = 20;
  static final int PRECONDITION_FAILED = 22;

  private Kv() {}

  record Outcome(Map<Object, Object> state, Map<String, Object> reply) {}

  static final class UnsupportedRequest extends RuntimeException {
    UnsupportedRequest(String message) {
      super(message);
    }
  }

  static Outcome apply(Map<Object, Object> state, Map<String, Object> request, boolean honourCreate) {
    Object type = request.get("type");
    Object key = request.get("key");
    if ("read".equals(type)) {
      if (!state.containsKey(key)) {
        return new Outcome(state, error(KEY_DOES_NOT_EXIST, "key does not exist"));
      }
      Map<String, Object> reply = ok("read_ok");
      reply.put("value", state.get(key));
      return new Outcome(state, reply);
    }
    if ("write".equals(type)) {
      return new Outcome(put(state, key, request.get("value")), ok("write_ok"));
    }
    if ("cas".equals(type)) {
      Object from = request.get("from");
      Object to = request.get("to");
      if (!state.containsKey(key)) {
        if (honourCreate && Boolean.TRUE.equals(request.get("create_if_not_exists"))) {
          return new Outcome(put(state, key, to), ok("cas_ok"));
        }
        return new Outcome(state, error(KEY_DOES_NOT_EXIST, "key does not exist"));
      }
      Object current = state.get(key);
      if (!java.util.Objects.equals(current, from)) {
        return new Outcome(
            state,
            error(
                PRECONDITION_FAILED,
                "current value " + render(current) + " is not " + render(from)));
      }
      return new Outcome(put(state, key, to), ok("cas_ok"));
    }
    throw new UnsupportedRequest("unsupported request type " + type);
  }

  private static Map<Object, Object> put(Map<Object, Object> state, Object key, Object value) {
    if (state.containsKey(key) && java.util.Objects.equals(state.get(key), value)) {
      return state;
    }
    Map<Object, Object> next = new HashMap<>(state);
    next.put(key, value);
    return java.util.Collections.unmodifiableMap(next);
  }

  static Map<String, Object> ok(String type) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("type", type);
    return reply;
  }

  static Map<String, Object> error(int code, String text) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("type", "error");
    reply.put("code", (long) code);
    reply.put("text", text);
    return reply;
  }

  static String render(Object value) {
    return glomers.harness.json.Json.write(value);
  }
}
